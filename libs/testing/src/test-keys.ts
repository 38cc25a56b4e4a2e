import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@lib/database';
import { IdentityStore, migrateIdentity, type NewTenant } from '@lib/identity';
import type { TestStack } from './test-stack';

export interface TestCaller {
  tenantId: string;
  keyId: string;
  /** The `Authorization` header value. */
  authorization: string;
}

/** Creates a tenant with one API key in the stack's identity schema (migrating it if needed). */
export async function createCaller(stack: TestStack, tenant: NewTenant): Promise<TestCaller> {
  await migrateIdentity(stack.database.url);
  const dataSource = await new DataSource(
    dataSourceOptions({ url: stack.database.url, schema: 'identity', migrations: [], poolSize: 2 }),
  ).initialize();
  try {
    const store = new IdentityStore(dataSource);
    const tenantId = await store.createTenant(tenant);
    const key = await store.issueKey(tenantId, 'test');
    return { tenantId, keyId: key.keyId, authorization: `Bearer ${key.token}` };
  } finally {
    await dataSource.destroy();
  }
}
