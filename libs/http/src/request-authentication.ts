import type { FastifyRequest } from 'fastify';
import { clientAddressOf } from './client-address';

/**
 * What a request's credentials proved. The HTTP platform decides it once, before the rate limiter
 * (which must count by verified key, not by whatever id a header claims), and the access guard
 * reuses it to answer 401/403.
 */
export type Authentication<P = unknown> =
  { verified: true; keyId: string; principal: P } | { verified: false; error: Error };

/**
 * The port the identity library fills: verifies an `Authorization` value (absent, malformed, unknown or
 * wrong is `verified: false`).
 */
export interface RequestAuthenticator<P = unknown> {
  /**
   * `mayLookUp` is asked before a key id that no cache holds is looked up (the step that costs a
   * database round trip); when it answers false the key is refused unchecked.
   */
  verify(authorization: string | undefined, mayLookUp?: () => boolean): Promise<Authentication<P>>;
}

export const REQUEST_AUTHENTICATOR = Symbol('REQUEST_AUTHENTICATOR');

const AUTHENTICATION = Symbol('authentication');

export function rememberAuthentication(request: object, authentication: Authentication): void {
  (request as { [AUTHENTICATION]?: Authentication })[AUTHENTICATION] = authentication;
}

/**
 * The request's authentication if the platform verified it already; undefined for open paths (or if
 * verifying could not run).
 */
export function authenticationOf<P>(request: object): Authentication<P> | undefined {
  return (request as { [AUTHENTICATION]?: Authentication<P> })[AUTHENTICATION];
}

/**
 * Whom a request's rate limit counts against: a verified key (its own budget, which nobody else can
 * spend), or — for requests without a valid key — the client address (an IPv6 client per /64), on
 * the smaller budget for failed authentications; requests the platform did not authenticate count per address.
 */
export function rateLimitKey(request: FastifyRequest): string {
  const authentication = authenticationOf(request);
  if (authentication === undefined) return `ip:${clientAddressOf(request.ip)}`;
  return authentication.verified ? `key:${authentication.keyId}` : `authfail:${clientAddressOf(request.ip)}`;
}

export function isAuthFailureKey(key: string): boolean {
  return key.startsWith('authfail:');
}
