import { Global, Inject, Module, type DynamicModule, type OnModuleInit } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import { REQUEST_AUTHENTICATOR } from '@lib/http';
import type { DataSource } from 'typeorm';
import { AccessGuard } from './access.guard';
import { ApiKeyAuthenticator } from './api-key-authenticator';
import { IdentityStore } from './identity-store';
import { IDENTITY_OPTIONS, type IdentityOptions } from './identity.options';
import { migrateIdentity } from './migrate-identity';

/** API-key authentication and role checks for every HTTP route of a service; migrates the `identity` schema. */
@Global()
@Module({})
export class IdentityModule implements OnModuleInit {
  constructor(@Inject(IDENTITY_OPTIONS) private readonly options: IdentityOptions) {}

  static forRoot(options: IdentityOptions): DynamicModule {
    if (options.cacheTtlMs > 30_000)
      throw new Error('API key cache TTL may not exceed 30 s (revocation must take effect within 30 s)');
    return {
      module: IdentityModule,
      providers: [
        { provide: IDENTITY_OPTIONS, useValue: options },
        {
          provide: IdentityStore,
          useFactory: (dataSource: DataSource) => new IdentityStore(dataSource),
          inject: [getDataSourceToken()],
        },
        ApiKeyAuthenticator,
        // The HTTP platform verifies keys before its rate limit through this port.
        { provide: REQUEST_AUTHENTICATOR, useExisting: ApiKeyAuthenticator },
        { provide: APP_GUARD, useClass: AccessGuard },
      ],
      exports: [IdentityStore, ApiKeyAuthenticator, REQUEST_AUTHENTICATOR],
    };
  }

  async onModuleInit(): Promise<void> {
    await migrateIdentity(this.options.databaseUrl);
  }
}
