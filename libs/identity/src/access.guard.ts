import { ForbiddenException, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ALLOWED_ROLES, authenticationOf, PUBLIC_ROUTE } from '@lib/http';
import { ApiKeyAuthenticator } from './api-key-authenticator';
import type { Principal } from './principal';

export interface AuthenticatedRequest {
  headers: Record<string, string | string[] | undefined>;
  principal?: Principal;
}

/**
 * Every HTTP route needs a valid API key (401) and a role the route allows (403), unless marked
 * `@Public()`. A route without `@Roles` is open to operators only: forgetting it fails closed.
 * The HTTP platform has usually verified the key already (before the rate limit); that outcome is
 * used, else the key is verified here.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: ApiKeyAuthenticator,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const authorization = request.headers.authorization;
    const authentication =
      authenticationOf<Principal>(request) ??
      (await this.authenticator.verify(Array.isArray(authorization) ? authorization[0] : authorization));
    if (!authentication.verified) throw authentication.error;
    const principal = authentication.principal;
    request.principal = principal;
    const roles = this.reflector.getAllAndOverride<string[]>(ALLOWED_ROLES, targets) ?? ['operator'];
    if (!roles.includes(principal.role)) {
      throw new ForbiddenException(`role ${principal.role} may not call this endpoint (allowed: ${roles.join(', ')})`);
    }
    return true;
  }
}
