import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { AuthFailureBudget, clientAddressOf } from '@lib/http';
import { ApiKeyAuthenticator, IdentityStore } from '@lib/identity';
import { CONSOLE_CONFIG } from '../console.tokens';
import type { ConsoleConfig } from '../console.config';
import { newSessionToken, sessionTokenHash, isSessionToken, signInOutcome, type SignInOutcome } from './sign-in';
import { SessionStore, type OperatorSession } from './session.store';

const PRUNE_INTERVAL_MS = 10 * 60_000;

/**
 * Signing in with an operator's API key (verified by the identity library, as every service verifies
 * keys) and the sessions that follow. A session lasts while its key does: the key is re-checked at
 * most every API_KEY_CACHE_TTL_MS (≤ 30 s), so revoking it, or changing its tenant's role, ends the
 * session as it ends the key's API access.
 */
@Injectable()
export class SessionService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(SessionService.name);
  private readonly failures: AuthFailureBudget;
  private readonly keyChecks = new Map<string, { active: boolean; until: number }>();
  private pruning?: NodeJS.Timeout;

  constructor(
    @Inject(CONSOLE_CONFIG) private readonly config: ConsoleConfig,
    private readonly authenticator: ApiKeyAuthenticator,
    private readonly identity: IdentityStore,
    private readonly sessions: SessionStore,
  ) {
    this.failures = new AuthFailureBudget(config.signInFailures.max, config.signInFailures.windowMs);
  }

  onModuleInit(): void {
    this.pruning = setInterval(() => {
      this.sessions
        .pruneExpired()
        .catch((error: unknown) => this.logger.warn({ err: error }, 'expired sessions not pruned'));
    }, PRUNE_INTERVAL_MS).unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.pruning);
  }

  /**
   * Verifies the key; an operator's gets a session (the token for the cookie). Failed attempts count
   * against the client address as failed API authentications do: past the budget, keys the identity
   * cache does not hold are refused unchecked until the window passes.
   */
  async signIn(authorization: string | undefined, ip: string): Promise<SignInOutcome & { token?: string }> {
    const address = clientAddressOf(ip);
    const authentication = authorization
      ? await this.authenticator.verify(authorization, () => !this.failures.spent(address))
      : undefined;
    const outcome = signInOutcome(authentication);
    if (outcome.kind === 'refused') {
      this.failures.charge(address);
      this.logger.warn(
        { address, reason: authentication && !authentication.verified ? authentication.error.message : 'empty' },
        'sign-in refused',
      );
      return outcome;
    }
    if (outcome.kind === 'forbidden') {
      this.logger.warn(
        { keyId: authentication?.verified ? authentication.keyId : undefined },
        'sign-in refused: not an operator',
      );
      return outcome;
    }
    const token = newSessionToken();
    const { principal } = outcome;
    await this.sessions.create(sessionTokenHash(token), {
      keyId: principal.keyId,
      tenantId: principal.tenantId,
      tenantName: principal.tenantName,
      expiresAt: new Date(Date.now() + this.config.session.ttlMs),
    });
    this.keyChecks.set(principal.keyId, { active: true, until: Date.now() + this.config.identity.cacheTtlMs });
    this.logger.log({ keyId: principal.keyId, tenantId: principal.tenantId }, 'operator signed in');
    return { ...outcome, token };
  }

  /** The session a cookie stands for, if it is current and its key is still an active operator's. */
  async resolve(token: string | undefined): Promise<OperatorSession | undefined> {
    if (!isSessionToken(token)) return undefined;
    const session = await this.sessions.find(sessionTokenHash(token));
    if (!session) return undefined;
    if (await this.keyIsActiveOperator(session.keyId)) return session;
    await this.sessions.deleteForKey(session.keyId);
    this.logger.log({ keyId: session.keyId }, "session ended: its key is revoked or no longer an operator's");
    return undefined;
  }

  async signOut(token: string | undefined): Promise<void> {
    if (isSessionToken(token)) await this.sessions.delete(sessionTokenHash(token));
  }

  private async keyIsActiveOperator(keyId: string): Promise<boolean> {
    const now = Date.now();
    const cached = this.keyChecks.get(keyId);
    if (cached && cached.until > now) return cached.active;
    const found = await this.identity.findKey(keyId);
    const active = !!found && !found.revoked && found.principal.role === 'operator';
    this.keyChecks.set(keyId, { active, until: now + this.config.identity.cacheTtlMs });
    return active;
  }
}
