import { Inject, Module, type DynamicModule, type OnModuleInit } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import { REQUEST_AUTHENTICATOR } from '@lib/http';
import type { DataSource } from 'typeorm';
import { AccessGuard } from './access.guard';
import { ApiKeyAuthenticator } from './api-key-authenticator';
import { IdentityStore } from './identity-store';
import { IDENTITY_OPTIONS, type IdentityOptions } from './identity.options';
import { KeyChangesListener } from './key-changes.listener';
import { migrateIdentity } from './migrate-identity';

/** The app's identity settings: configuration is ambient (global). */
@Module({})
class IdentityOptionsModule {}

/**
 * API-key authentication and role checks for every HTTP route of a service (the guard is an app
 * guard); migrates the `identity` schema. The HTTP platform imports it for the authenticator port;
 * the app's root module imports `IdentityModule.forRoot(options)` once.
 */
@Module({
  providers: [
    {
      provide: IdentityStore,
      useFactory: (dataSource: DataSource) => new IdentityStore(dataSource),
      inject: [getDataSourceToken()],
    },
    ApiKeyAuthenticator,
    KeyChangesListener,
    // The HTTP platform verifies keys before its rate limit through this port.
    { provide: REQUEST_AUTHENTICATOR, useExisting: ApiKeyAuthenticator },
    { provide: APP_GUARD, useClass: AccessGuard },
  ],
  exports: [IdentityStore, ApiKeyAuthenticator, REQUEST_AUTHENTICATOR],
})
export class IdentityModule implements OnModuleInit {
  constructor(@Inject(IDENTITY_OPTIONS) private readonly options: IdentityOptions) {}

  static forRoot(options: IdentityOptions): DynamicModule {
    if (options.cacheTtlMs > 30_000)
      throw new Error('API key cache TTL may not exceed 30 s (revocation must take effect within 30 s)');
    return {
      module: IdentityOptionsModule,
      global: true,
      providers: [{ provide: IDENTITY_OPTIONS, useValue: options }],
      exports: [IDENTITY_OPTIONS],
    };
  }

  async onModuleInit(): Promise<void> {
    await migrateIdentity(this.options.databaseUrl);
  }
}
