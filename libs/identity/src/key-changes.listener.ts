import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { PgListener } from '@lib/database';
import { ApiKeyAuthenticator } from './api-key-authenticator';
import { IDENTITY_OPTIONS, type IdentityOptions } from './identity.options';

/** The NOTIFY channel on which identity's triggers announce a changed key (payload: the key id). */
export const KEY_CHANGES_CHANNEL = 'identity_key_changes';

/**
 * One LISTEN connection per process: a key revoked anywhere is dropped from this instance's cache as
 * soon as the revocation commits. Whatever the cache held when the connection was (re)opened may
 * predate changes it did not hear, so it is emptied then; while the connection is down the cache's
 * TTL (≤ 30 s) still bounds how long a revoked key works. A lost connection is re-opened after a second.
 */
@Injectable()
export class KeyChangesListener implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(KeyChangesListener.name);
  private readonly listener: PgListener;

  constructor(@Inject(IDENTITY_OPTIONS) options: IdentityOptions, authenticator: ApiKeyAuthenticator) {
    this.listener = new PgListener({
      databaseUrl: options.databaseUrl,
      applicationName: 'identity-key-changes',
      channels: [KEY_CHANGES_CHANNEL],
      onNotification: (_channel, keyId) => {
        if (keyId) authenticator.forget(keyId);
      },
      onListening: () => authenticator.forgetAll(),
      onLost: (error) => this.logger.warn({ err: error }, 'API key changes listener lost Postgres; reconnecting'),
    });
  }

  onApplicationBootstrap(): void {
    this.listener.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.listener.stop();
  }
}
