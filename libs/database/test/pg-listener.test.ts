import { Client } from 'pg';
import { createTestDatabase, eventually, type TestDatabase } from '@lib/testing';
import { PgListener } from '../src/pg-listener';

/** A LISTEN connection that Postgres drops (as a restart or an idle-session kill would) comes back by itself. */
describe('PgListener', () => {
  let database: TestDatabase;
  let sender: Client;
  let listener: PgListener | undefined;
  const heard: Array<[string, string | undefined]> = [];
  const events: string[] = [];

  const notify = (channel: string, payload: string) => sender.query('SELECT pg_notify($1, $2)', [channel, payload]);
  const backends = async () =>
    (
      await sender.query<{ pid: number }>(
        `SELECT pid FROM pg_stat_activity WHERE application_name = 'pg-listener-test' AND datname = current_database()`,
      )
    ).rows.map((row) => row.pid);

  beforeAll(async () => {
    database = await createTestDatabase('pg_listener');
    sender = new Client({ connectionString: database.url });
    await sender.connect();
  });

  afterAll(async () => {
    await listener?.stop();
    await sender?.end();
    await database?.drop();
  });

  it('hears its channels, and after its connection is terminated listens again and says so', async () => {
    listener = new PgListener({
      databaseUrl: database.url,
      applicationName: 'pg-listener-test',
      channels: ['first_channel', 'second_channel'],
      onNotification: (channel, payload) => heard.push([channel, payload]),
      onListening: () => events.push('listening'),
      onLost: (error) => events.push(`lost: ${(error as Error).message}`),
      retryMs: 100,
    });
    listener.start();
    await eventually(() => expect(events).toEqual(['listening']));

    await notify('first_channel', 'a');
    await notify('second_channel', 'b');
    await notify('not_listened', 'c');
    await eventually(() =>
      expect(heard).toEqual([
        ['first_channel', 'a'],
        ['second_channel', 'b'],
      ]),
    );

    const [pid] = await backends();
    await sender.query('SELECT pg_terminate_backend($1)', [pid]);
    await eventually(() =>
      expect(events).toEqual(['listening', expect.stringMatching(/^lost: .*terminat/), 'listening']),
    );
    expect(await backends()).not.toContain(pid);

    await notify('second_channel', 'after');
    await eventually(() => expect(heard.at(-1)).toEqual(['second_channel', 'after']));
  });

  it('stops for good: the connection closes and is not re-opened', async () => {
    await listener!.stop();
    expect(await backends()).toEqual([]);
    const before = events.length;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(events).toHaveLength(before);
    expect(await backends()).toEqual([]);
  });
});
