import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { baseEnvSchema, parseEnv } from '@lib/config';
import { dataSourceOptions } from '@lib/database';
import { IdentityStore, migrateIdentity, ROLES, type Role } from '@lib/identity';

const usage = `usage:
  npm run keys -- create --role <${ROLES.join('|')}> --name <tenant name>
                         [--carrier <code>] [--crossing <name>] [--acts-for <tenantId,…>] [--label <text>]
  npm run keys -- create --tenant <tenantId> [--label <text>]      another key for an existing tenant
  npm run keys -- revoke <keyId>                                   stops working on every instance at once
  npm run keys -- list [--tenant <tenantId>]`;

/** `npm run keys -- …`: tenants and their API keys. The secret is printed once and stored only as SHA-256. */
export async function keysCommand(args: string[], out: (line: string) => void): Promise<void> {
  const env = parseEnv(baseEnvSchema);
  await migrateIdentity(env.DATABASE_URL);
  const dataSource = await new DataSource(
    dataSourceOptions({ url: env.DATABASE_URL, schema: 'identity', migrations: [], poolSize: 2 }),
  ).initialize();
  const store = new IdentityStore(dataSource);
  try {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        role: { type: 'string' },
        name: { type: 'string' },
        carrier: { type: 'string' },
        crossing: { type: 'string' },
        'acts-for': { type: 'string' },
        label: { type: 'string' },
        tenant: { type: 'string' },
      },
    });
    const [action, ...rest] = positionals;
    switch (action) {
      case 'create': {
        let tenantId = values.tenant;
        if (!tenantId) {
          if (!values.name || !ROLES.includes(values.role as Role)) throw new Error(usage);
          tenantId = await store.createTenant({
            name: values.name,
            role: values.role as Role,
            carrierCode: values.carrier,
            crossing: values.crossing,
            actsFor: values['acts-for']
              ?.split(',')
              .map((s) => s.trim())
              .filter(Boolean),
          });
        }
        const key = await store.issueKey(tenantId, values.label);
        out(`tenant  ${tenantId}`);
        out(`key id  ${key.keyId}`);
        out(`use     Authorization: Bearer ${key.token}`);
        out('The secret is shown only now; it is stored as a SHA-256 hash.');
        return;
      }
      case 'revoke': {
        if (rest.length !== 1) throw new Error(usage);
        out(
          (await store.revoke(rest[0]))
            ? `revoked ${rest[0]} (refused by every instance now; within 30 s by one not listening)`
            : `no active key ${rest[0]}`,
        );
        return;
      }
      case 'list': {
        for (const key of await store.listKeys(values.tenant)) {
          out(
            [
              key.keyId,
              key.tenantId,
              key.role,
              key.tenantName,
              key.label ?? '-',
              key.createdAt.toISOString(),
              key.revokedAt ? `revoked ${key.revokedAt.toISOString()}` : 'active',
            ].join('  '),
          );
        }
        return;
      }
      default:
        throw new Error(usage);
    }
  } finally {
    await dataSource.destroy();
  }
}
