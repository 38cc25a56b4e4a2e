import { Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import type { Authentication, RequestAuthenticator } from '@lib/http';
import { parseBearer, secretMatches } from './api-key-format';
import { IdentityStore } from './identity-store';
import { IDENTITY_OPTIONS, type IdentityOptions } from './identity.options';
import type { Principal } from './principal';

interface CachedKey {
  secretHash: Buffer;
  principal: Principal;
  expiresAt: number;
}

const MAX_CACHED_KEYS = 10_000;
/** Unknown and revoked key ids are refused without asking Postgres again for this long. */
export const REFUSED_KEY_TTL_MS = 5_000;
const MAX_REFUSED_KEYS = 10_000;

/**
 * Turns a bearer token into a principal. Active keys (their hash, never the secret) are cached for
 * at most `cacheTtlMs` (≤ 30 s), which bounds how long a revoked key keeps working; key ids that do
 * not exist or are revoked are remembered for a few seconds, so a repeated made-up or dead id costs
 * Postgres one lookup per period. A key id in neither cache is looked up only if the caller's
 * `mayLookUp` allows it (the HTTP platform refuses it for an address over its failed-authentication
 * budget), so new made-up ids cannot each cost a lookup either.
 */
@Injectable()
export class ApiKeyAuthenticator implements RequestAuthenticator<Principal> {
  private readonly cache = new Map<string, CachedKey>();
  private readonly refused = new Map<string, number>();

  constructor(
    private readonly store: IdentityStore,
    @Inject(IDENTITY_OPTIONS) private readonly options: IdentityOptions,
  ) {}

  /** As `authenticate`, with bad credentials as an outcome rather than an exception (the HTTP platform's port). */
  async verify(authorization: string | undefined, mayLookUp?: () => boolean): Promise<Authentication<Principal>> {
    try {
      const principal = await this.authenticate(authorization, mayLookUp);
      return { verified: true, keyId: principal.keyId, principal };
    } catch (error) {
      if (error instanceof UnauthorizedException) return { verified: false, error };
      throw error;
    }
  }

  async authenticate(authorization: string | undefined, mayLookUp: () => boolean = () => true): Promise<Principal> {
    if (!authorization) throw new UnauthorizedException('an API key is required: Authorization: Bearer <keyId>.<secret>');
    const key = parseBearer(authorization);
    if (!key) throw new UnauthorizedException('malformed API key: expected Authorization: Bearer <keyId>.<secret>');
    const now = Date.now();
    const cached = this.cache.get(key.keyId);
    if (cached && cached.expiresAt > now) {
      if (secretMatches(key.secret, cached.secretHash)) return cached.principal;
      throw new UnauthorizedException('invalid API key');
    }
    if ((this.refused.get(key.keyId) ?? 0) > now) throw new UnauthorizedException('invalid API key');
    if (!mayLookUp()) throw new UnauthorizedException('too many failed authentications from this address; the API key was not checked, retry later');
    const found = await this.store.findKey(key.keyId);
    if (!found || found.revoked) {
      this.cache.delete(key.keyId);
      this.remember(this.refused, MAX_REFUSED_KEYS, key.keyId, now + REFUSED_KEY_TTL_MS);
      throw new UnauthorizedException(found ? 'API key revoked' : 'invalid API key');
    }
    // Cached whether or not this secret matches: junk secrets for a real id then cost no lookup either.
    this.remember(this.cache, MAX_CACHED_KEYS, key.keyId, { secretHash: found.secretHash, principal: found.principal, expiresAt: now + this.options.cacheTtlMs });
    if (!secretMatches(key.secret, found.secretHash)) throw new UnauthorizedException('invalid API key');
    return found.principal;
  }

  /** Bounded: the oldest entry goes first. */
  private remember<V>(map: Map<string, V>, limit: number, keyId: string, value: V): void {
    map.delete(keyId);
    if (map.size >= limit) map.delete(map.keys().next().value!);
    map.set(keyId, value);
  }
}
