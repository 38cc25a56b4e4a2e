import { createServer, type Socket } from 'node:net';
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

  it('stops promptly while a connection attempt hangs (a server that accepts and never answers)', async () => {
    const sockets: Socket[] = [];
    const silent = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as { port: number };
    const hanging = new PgListener({
      databaseUrl: `postgres://nobody@127.0.0.1:${port}/none`,
      applicationName: 'pg-listener-hanging',
      channels: ['first_channel'],
      onNotification: () => undefined,
    });
    try {
      hanging.start();
      await eventually(() => expect(sockets).toHaveLength(1));
      const began = Date.now();
      await hanging.stop();
      expect(Date.now() - began).toBeLessThan(5_000);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});
