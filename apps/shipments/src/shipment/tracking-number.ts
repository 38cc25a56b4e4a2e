import { randomInt } from 'node:crypto';

// Crockford base32 without I, L, O, U: easy to read out over the phone at a border post.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A tracking number such as `KZPK-7F3K-9Q2M`: short, unambiguous, 40 bits of randomness. */
export function newTrackingNumber(): string {
  const chars = Array.from({ length: 8 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  return `KZPK-${chars.slice(0, 4)}-${chars.slice(4)}`;
}
