import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Client } from 'pg';
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
  private client?: Client;
  private stopping = false;

  constructor(
    @Inject(IDENTITY_OPTIONS) private readonly options: IdentityOptions,
    private readonly authenticator: ApiKeyAuthenticator,
  ) {}

  onApplicationBootstrap(): void {
    void this.connect();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await this.client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    while (!this.stopping) {
      const client = new Client({
        connectionString: this.options.databaseUrl,
        application_name: 'identity-key-changes',
      });
      // Every 'error' needs a listener (an unheard one would throw); the first error or end means lost.
      const lost = new Promise<void>((resolve) => client.on('error', () => resolve()).on('end', () => resolve()));
      try {
        await client.connect();
        client.on('notification', (message) => {
          if (message.payload) this.authenticator.forget(message.payload);
        });
        await client.query(`LISTEN ${KEY_CHANGES_CHANNEL}`);
        this.client = client;
        this.authenticator.forgetAll();
        await lost;
      } catch (error) {
        if (!this.stopping) this.logger.warn({ err: error }, 'API key changes listener lost Postgres; reconnecting');
      }
      await client.end().catch(() => undefined);
      if (!this.stopping) await new Promise((resolve) => setTimeout(resolve, 1000).unref());
    }
  }
}
