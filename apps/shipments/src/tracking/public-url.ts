import { Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';

export const PUBLIC_BASE_URL = Symbol('PUBLIC_BASE_URL');

/**
 * The address a share link is handed out under (in the API's answer and in the page's QR code):
 * PUBLIC_BASE_URL when set — behind a proxy or a CDN the request's Host is not the public one — else
 * the address the request came in on.
 */
@Injectable()
export class PublicUrls {
  constructor(@Inject(PUBLIC_BASE_URL) private readonly base: string | undefined) {}

  of(request: FastifyRequest, path: string): string {
    return `${this.base ?? `${request.protocol}://${request.host}`}${path}`;
  }
}
