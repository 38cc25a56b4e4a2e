import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** `Authorization: Bearer <keyId>.<secret>`: the id finds the row, the 256-bit secret proves possession. */
export interface ParsedKey {
  keyId: string;
  secret: string;
}

const KEY_ID = /^key_[a-z0-9]{16}$/;
const SECRET = /^[A-Za-z0-9_-]{43}$/;

export function newKeyId(): string {
  return `key_${randomBytes(10).toString('hex').slice(0, 16)}`;
}

export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** SHA-256 is right for 256-bit random secrets (nothing to brute-force); slow hashes are for passwords. */
export function hashSecret(secret: string): Buffer {
  return createHash('sha256').update(secret).digest();
}

export function secretMatches(secret: string, hash: Buffer): boolean {
  const candidate = hashSecret(secret);
  return candidate.length === hash.length && timingSafeEqual(candidate, hash);
}

/** The key id an `Authorization` value claims, unverified (for logs; never the secret); undefined if it names none. */
export function claimedKeyId(authorization: string | undefined): string | undefined {
  const keyId = /^Bearer\s+([^.\s]+)\./i.exec(authorization ?? '')?.[1];
  return keyId !== undefined && KEY_ID.test(keyId) ? keyId : undefined;
}

export function parseBearer(header: string | undefined): ParsedKey | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  if (!match) return undefined;
  const dot = match[1].indexOf('.');
  if (dot < 0) return undefined;
  const keyId = match[1].slice(0, dot);
  const secret = match[1].slice(dot + 1);
  return KEY_ID.test(keyId) && SECRET.test(secret) ? { keyId, secret } : undefined;
}
