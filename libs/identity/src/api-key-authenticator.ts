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

type StoredKey = Awaited<ReturnType<IdentityStore['findKey']>>;

const MAX_CACHED_KEYS = 10_000;
/** Unknown and revoked key ids are refused without asking Postgres again for this long. */
export const REFUSED_KEY_TTL_MS = 5_000;
const MAX_REFUSED_KEYS = 10_000;

/**
 * Turns a bearer token into a principal. Active keys (their hash, never the secret) are cached for
 * at most `cacheTtlMs` (≤ 30 s), which bounds how long a revoked key keeps working on an instance
 * that did not hear of the revocation (`forget`, from KeyChangesListener, makes it immediate on every
 * instance that listens); key ids that do
 * not exist or are revoked are remembered for a few seconds, so a repeated made-up or dead id costs
 * Postgres one lookup per period. A key id in neither cache is looked up only if the caller's
 * `mayLookUp` allows it (the HTTP platform refuses it for an address over its failed-authentication
 * budget), so new made-up ids cannot each cost a lookup either.
 */
@Injectable()
export class ApiKeyAuthenticator implements RequestAuthenticator<Principal> {
  private readonly cache = new Map<string, CachedKey>();
  private readonly refused = new Map<string, number>();
  private readonly lookups = new Map<string, Promise<StoredKey | undefined>>();

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
    if (!authorization)
      throw new UnauthorizedException('an API key is required: Authorization: Bearer <keyId>.<secret>');
    const key = parseBearer(authorization);
    if (!key) throw new UnauthorizedException('malformed API key: expected Authorization: Bearer <keyId>.<secret>');
    const now = Date.now();
    const cached = this.cache.get(key.keyId);
    if (cached && cached.expiresAt > now) {
      if (secretMatches(key.secret, cached.secretHash)) return cached.principal;
      throw new UnauthorizedException('invalid API key');
    }
    if ((this.refused.get(key.keyId) ?? 0) > now) throw new UnauthorizedException('invalid API key');
    // A lookup already under way is shared: it has been paid for, so joining it asks nobody.
    let lookup = this.lookups.get(key.keyId);
    if (!lookup) {
      if (!mayLookUp())
        throw new UnauthorizedException(
          'too many failed authentications from this address; the API key was not checked, retry later',
        );
      lookup = this.lookUp(key.keyId);
    }
    const found = await lookup;
    if (!found || found.revoked) throw new UnauthorizedException(found ? 'API key revoked' : 'invalid API key');
    if (!secretMatches(key.secret, found.secretHash)) throw new UnauthorizedException('invalid API key');
    return found.principal;
  }

  /**
   * A key changed in Postgres (revoked, or its tenant changed): the next request looks it up again.
   * A lookup under way may have read the row before the change, so its answer is not cached.
   */
  forget(keyId: string): void {
    this.cache.delete(keyId);
    this.refused.delete(keyId);
    this.lookups.delete(keyId);
  }

  /** Changes may have gone unheard (the listening connection was lost): trust nothing cached. */
  forgetAll(): void {
    this.cache.clear();
    this.refused.clear();
    this.lookups.clear();
  }

  /**
   * One lookup per key id at a time: when a cached key expires under load, or a client opens many
   * connections with a key this instance has not seen, the requests that arrive meanwhile wait for
   * the same answer instead of each costing a query (and each a charge on the address's budget).
   */
  private lookUp(keyId: string): Promise<StoredKey | undefined> {
    const lookup = this.store
      .findKey(keyId)
      .then((found) => {
        const now = Date.now();
        // Forgotten while under way: the answer may predate the change, so it is used once, not kept.
        if (this.lookups.get(keyId) !== lookup) return found;
        if (!found || found.revoked) {
          this.cache.delete(keyId);
          this.remember(this.refused, MAX_REFUSED_KEYS, keyId, now + REFUSED_KEY_TTL_MS);
        } else {
          // Cached whether or not a secret matches: junk secrets for a real id then cost no lookup either.
          this.remember(this.cache, MAX_CACHED_KEYS, keyId, {
            secretHash: found.secretHash,
            principal: found.principal,
            expiresAt: now + this.options.cacheTtlMs,
          });
        }
        return found;
      })
      .finally(() => {
        if (this.lookups.get(keyId) === lookup) this.lookups.delete(keyId);
      });
    this.lookups.set(keyId, lookup);
    return lookup;
  }

  /** Bounded: the oldest entry goes first. */
  private remember<V>(map: Map<string, V>, limit: number, keyId: string, value: V): void {
    map.delete(keyId);
    if (map.size >= limit) map.delete(map.keys().next().value!);
    map.set(keyId, value);
  }
}
