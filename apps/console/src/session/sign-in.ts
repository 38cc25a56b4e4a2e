import { randomBytes } from 'node:crypto';
import type { Authentication } from '@lib/http';
import { hashSecret, type Principal } from '@lib/identity';

/** The session cookie: an opaque random token; the server keeps only its SHA-256. */
export const SESSION_COOKIE = 'console_session';

const SESSION_TOKEN = /^[A-Za-z0-9_-]{43}$/;

export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

/** SHA-256, as for API key secrets: the token is 256 random bits, so a fast hash is right. */
export function sessionTokenHash(token: string): Buffer {
  return hashSecret(token);
}

export function isSessionToken(value: string | undefined): value is string {
  return value !== undefined && SESSION_TOKEN.test(value);
}

/**
 * The `Authorization` value for what an operator pasted into the form: the token alone
 * (`key_….…`), or the whole line `npm run keys` prints (`Authorization: Bearer key_….…`).
 * Undefined when the field is empty.
 */
export function authorizationFromForm(pasted: unknown): string | undefined {
  if (typeof pasted !== 'string') return undefined;
  const token = pasted
    .trim()
    .replace(/^authorization\s*:\s*/i, '')
    .replace(/^bearer\s+/i, '')
    .trim();
  return token ? `Bearer ${token}` : undefined;
}

export type SignInOutcome =
  | { kind: 'operator'; principal: Principal }
  | { kind: 'refused'; status: 401; message: string }
  | { kind: 'forbidden'; status: 403; message: string };

/** 401 for a key that proves nothing, 403 for a valid key of another role, else the operator. */
export function signInOutcome(authentication: Authentication<Principal> | undefined): SignInOutcome {
  if (!authentication) return { kind: 'refused', status: 401, message: 'Paste an operator API key to sign in.' };
  if (!authentication.verified) {
    return { kind: 'refused', status: 401, message: `That API key was not accepted: ${authentication.error.message}.` };
  }
  const { principal } = authentication;
  if (principal.role !== 'operator') {
    return {
      kind: 'forbidden',
      status: 403,
      message:
        `The key ${principal.keyId} belongs to ${principal.tenantName}, ` +
        `a ${principal.role.replace('_', ' ')}; the console is for operators only.`,
    };
  }
  return { kind: 'operator', principal };
}
