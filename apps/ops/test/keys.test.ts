import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createTestDatabase, type TestDatabase } from '@lib/testing';

const run = promisify(execFile);

/** The built CLI, as an operator runs it: `npm run keys -- …`. */
describe('keys CLI', () => {
  let database: TestDatabase;
  const keys = (...args: string[]) =>
    run(process.execPath, [join(__dirname, '../../../dist/apps/ops/src/main.js'), 'keys', ...args], {
      env: { PATH: process.env.PATH, DATABASE_URL: database.url },
    });

  beforeAll(async () => {
    database = await createTestDatabase('keys');
  });

  afterAll(async () => {
    await database.drop();
  });

  it('creates a carrier tenant with a key shown once, lists it without the secret, and revokes it', async () => {
    const created = await keys('create', '--role', 'carrier', '--name', 'National Logistics Cell', '--carrier', 'NLC');
    const token = /Authorization: Bearer (key_[a-z0-9]{16})\.([A-Za-z0-9_-]{43})/.exec(created.stdout);
    expect(token).not.toBeNull();
    const [, keyId, secret] = token!;

    const listed = await keys('list');
    expect(listed.stdout).toContain(keyId);
    expect(listed.stdout).toContain('carrier  National Logistics Cell');
    expect(listed.stdout).not.toContain(secret);

    await expect(keys('revoke', keyId)).resolves.toMatchObject({ stdout: expect.stringContaining(`revoked ${keyId}`) });
    await expect(keys('list')).resolves.toMatchObject({
      stdout: expect.stringMatching(new RegExp(`${keyId}.*revoked`)),
    });
  });

  it('refuses a carrier without its carrier code', async () => {
    await expect(keys('create', '--role', 'carrier', '--name', 'TCS')).rejects.toMatchObject({ code: 1 });
  });
});
