import type { CookieSerializeOptions } from '@fastify/cookie';

/**
 * The session cookie's attributes: not readable by scripts, never sent from another site, Secure
 * whenever the request came over https (`auto`; behind a TLS proxy set CONSOLE_TRUST_PROXY).
 */
export function sessionCookieOptions(ttlMs: number): CookieSerializeOptions {
  return { path: '/', httpOnly: true, sameSite: 'strict', secure: 'auto', maxAge: Math.floor(ttlMs / 1000) };
}

/**
 * The CSRF secret's cookie (signed with CONSOLE_COOKIE_SECRET), with the same attributes for the whole browser session.
 */
export const CSRF_COOKIE_OPTIONS: CookieSerializeOptions = {
  path: '/',
  httpOnly: true,
  sameSite: 'strict',
  secure: 'auto',
  signed: true,
};
