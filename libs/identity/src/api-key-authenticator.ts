import { Inject, Injectable, UnauthorizedException } from '@nestjs/common';
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

/**
 * Turns a bearer token into a principal. Verified keys (their hash, never the secret) are cached
 * for at most `cacheTtlMs` (≤ 30 s), which bounds how long a revoked key keeps working.
 */
@Injectable()
export class ApiKeyAuthenticator {
  private readonly cache = new Map<string, CachedKey>();

  constructor(
    private readonly store: IdentityStore,
    @Inject(IDENTITY_OPTIONS) private readonly options: IdentityOptions,
  ) {}

  async authenticate(authorization: string | undefined): Promise<Principal> {
    if (!authorization) throw new UnauthorizedException('an API key is required: Authorization: Bearer <keyId>.<secret>');
    const key = parseBearer(authorization);
    if (!key) throw new UnauthorizedException('malformed API key: expected Authorization: Bearer <keyId>.<secret>');
    const cached = this.cache.get(key.keyId);
    if (cached && cached.expiresAt > Date.now()) {
      if (secretMatches(key.secret, cached.secretHash)) return cached.principal;
      throw new UnauthorizedException('invalid API key');
    }
    const found = await this.store.findKey(key.keyId);
    if (!found || !secretMatches(key.secret, found.secretHash)) throw new UnauthorizedException('invalid API key');
    if (found.revoked) {
      this.cache.delete(key.keyId);
      throw new UnauthorizedException('API key revoked');
    }
    if (this.cache.size >= MAX_CACHED_KEYS) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(key.keyId, { secretHash: found.secretHash, principal: found.principal, expiresAt: Date.now() + this.options.cacheTtlMs });
    return found.principal;
  }
}
