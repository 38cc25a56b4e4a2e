import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { ApiKeyAuthenticator, IDENTITY_OPTIONS, IdentityStore, migrateIdentity } from '@lib/identity';
import type { ConsoleConfig } from '../console.config';
import { CONSOLE_CONFIG } from '../console.tokens';
import { SessionGuard } from './session.guard';
import { SessionService } from './session.service';
import { SessionStore } from './session.store';
import { SignInController } from './sign-in.controller';

/**
 * Operators' sessions. Keys are verified by the identity library's ApiKeyAuthenticator over its
 * IdentityStore, as the services verify them (same cache rules, same hashing), but without its
 * global bearer-key guard: console pages are reached with a session cookie.
 */
@Module({
  controllers: [SignInController],
  providers: [
    {
      provide: IDENTITY_OPTIONS,
      useFactory: (config: ConsoleConfig) => ({
        databaseUrl: config.database.url,
        cacheTtlMs: config.identity.cacheTtlMs,
      }),
      inject: [CONSOLE_CONFIG],
    },
    {
      provide: IdentityStore,
      useFactory: (dataSource: DataSource) => new IdentityStore(dataSource),
      inject: [getDataSourceToken()],
    },
    {
      provide: SessionStore,
      useFactory: (dataSource: DataSource) => new SessionStore(dataSource),
      inject: [getDataSourceToken()],
    },
    ApiKeyAuthenticator,
    SessionService,
    SessionGuard,
  ],
  exports: [SessionService, SessionGuard],
})
export class SessionModule implements OnModuleInit {
  constructor(@Inject(CONSOLE_CONFIG) private readonly config: ConsoleConfig) {}

  /** The identity schema may not be there yet if the console starts first (the services migrate it too). */
  async onModuleInit(): Promise<void> {
    await migrateIdentity(this.config.database.url);
  }
}
