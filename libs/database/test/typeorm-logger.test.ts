import { Logger, type LoggerService } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '@lib/testing';
import { dataSourceOptions } from '../src/data-source-options';

const SECRET = 'whsec_9f8e7d6c5b4a39281706f5e4d3c2b1a0Zz';

/** Failed queries reach the service logger (pino in a service) without the values they were given. */
describe('TypeORM logging of failed queries', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  const logged: { level: string; args: unknown[] }[] = [];
  const printed: string[] = [];
  const restore: (() => void)[] = [];

  const capturing: LoggerService = {
    log: (...args) => logged.push({ level: 'log', args }),
    error: (...args) => logged.push({ level: 'error', args }),
    warn: (...args) => logged.push({ level: 'warn', args }),
    debug: (...args) => logged.push({ level: 'debug', args }),
    verbose: (...args) => logged.push({ level: 'verbose', args }),
  };

  beforeAll(async () => {
    database = await createTestDatabase('typeorm_logger');
    dataSource = await new DataSource(
      dataSourceOptions({ url: database.url, schema: 'public', migrations: [], poolSize: 2 }),
    ).initialize();
    await dataSource.query('CREATE TABLE tokens (id text PRIMARY KEY)');
    await dataSource.query('CREATE TABLE short_tokens (id text CHECK (length(id) < 10))');
    await dataSource.query('INSERT INTO tokens (id) VALUES ($1)', [SECRET]);
    Logger.overrideLogger(capturing);
    // Whatever TypeORM or anything else prints to the console or the standard streams meanwhile.
    for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      const spy = jest
        .spyOn(console, method)
        .mockImplementation((...args: unknown[]) => void printed.push(args.map(String).join(' ')));
      restore.push(() => spy.mockRestore());
    }
    for (const stream of [process.stdout, process.stderr]) {
      const original = stream.write.bind(stream);
      stream.write = (chunk: unknown, ...rest: unknown[]) => {
        printed.push(String(chunk));
        return (original as (...a: unknown[]) => boolean)(chunk, ...rest);
      };
      restore.push(() => (stream.write = original));
    }
  });

  afterAll(async () => {
    restore.forEach((undo) => undo());
    Logger.overrideLogger(['log', 'error', 'warn', 'debug', 'verbose', 'fatal']);
    await dataSource?.destroy();
    await database?.drop();
  });

  it.each([
    ['a value Postgres quotes in its message (22P02)', 'SELECT $1::uuid', '22P02'],
    ['a unique violation, whose detail holds the row (23505)', 'INSERT INTO tokens (id) VALUES ($1)', '23505'],
    ['a query on a missing table (42P01)', 'SELECT * FROM missing_table WHERE id = $1', '42P01'],
    [
      'a check violation, whose detail holds the failing row (23514)',
      'INSERT INTO short_tokens (id) VALUES ($1)',
      '23514',
    ],
  ])('logs %s as a warning without the secret parameter', async (_, sql, code) => {
    logged.length = 0;
    printed.length = 0;
    await expect(dataSource.query(sql, [SECRET])).rejects.toMatchObject({ code });

    expect(printed.join('\n')).not.toContain(SECRET);
    expect(JSON.stringify(logged)).not.toContain(SECRET);
    const warning = logged.find((entry) => entry.level === 'warn' && entry.args.includes('query failed'));
    expect(warning?.args[0]).toMatchObject({ code, query: sql, message: expect.any(String) });
  });
});
