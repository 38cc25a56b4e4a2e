import { createCaller } from '@lib/testing';
import { query } from '../../../test/support/database';
import { ConsoleClient } from './console-client';
import { startConsoleStack, type ConsoleStack } from './console-stack';

const figure = (fragment: string, row: string, name: string) =>
  new RegExp(`<tr ${row}[^>]*>.*?data-figure="${name}">([^<]*)<`, 's').exec(fragment)?.[1];

/** The console on the real Postgres, Kafka and Redis, watching a shipments service of its own stack. */
describe('operator console', () => {
  let system: ConsoleStack;

  beforeAll(async () => {
    system = await startConsoleStack('console', ['shipments']);
  });

  afterAll(async () => {
    await system?.stop();
  });

  describe('sign-in', () => {
    it('sends a visitor without a session to the sign-in form', async () => {
      const response = await new ConsoleClient(system.baseUrl).get('/');
      expect(response.status).toBe(303);
      expect(response.headers.get('location')).toBe('/sign-in');
    });

    it('refuses a sign-in without a CSRF token (403), and signs nobody in', async () => {
      const client = new ConsoleClient(system.baseUrl);
      await client.get('/sign-in');
      const response = await client.post('/sign-in', { apiKey: system.operator.authorization });
      expect(response.status).toBe(403);
      await expect(response.text()).resolves.toContain('The form had expired or did not come from this console');
      expect(client.cookies.has('console_session')).toBe(false);
    });

    it('refuses a forged CSRF token, and one without the secret cookie it belongs to', async () => {
      const client = new ConsoleClient(system.baseUrl);
      const token = ConsoleClient.csrfTokenIn(await (await client.get('/sign-in')).text());
      expect(
        (await client.post('/sign-in', { _csrf: `${token}x`, apiKey: system.operator.authorization })).status,
      ).toBe(403);
      const stranger = new ConsoleClient(system.baseUrl);
      expect((await stranger.post('/sign-in', { _csrf: token, apiKey: system.operator.authorization })).status).toBe(
        403,
      );
    });

    it('answers a bad key with 401 and says so on the page', async () => {
      const client = new ConsoleClient(system.baseUrl);
      const response = await client.signIn('key_0000000000000000.' + 'x'.repeat(43));
      expect(response.status).toBe(401);
      const page = await response.text();
      expect(page).toContain('role="alert"');
      expect(page).toContain('That API key was not accepted: invalid API key.');
      expect(client.cookies.has('console_session')).toBe(false);
    });

    it("answers another role's valid key with 403 and names the role", async () => {
      const response = await new ConsoleClient(system.baseUrl).signIn(system.shipper.authorization);
      expect(response.status).toBe(403);
      await expect(response.text()).resolves.toContain('a shipper; the console is for operators only');
    });

    it('signs an operator in with the `npm run keys` line (303): HttpOnly SameSite=Strict, token hashed', async () => {
      const client = new ConsoleClient(system.baseUrl);
      const response = await client.signIn(`Authorization: ${system.operator.authorization}`);
      expect(response.status).toBe(303);
      expect(response.headers.get('location')).toBe('/');
      const cookie = client.setCookies.find((c) => c.startsWith('console_session='))!;
      expect(cookie).toMatch(/; HttpOnly/);
      expect(cookie).toMatch(/; SameSite=Strict/);
      expect(cookie).not.toMatch(/; Secure/); // plain http here; https gets Secure
      const token = client.cookies.get('console_session')!;
      const rows = await query(system.stack, 'SELECT encode(token_hash, $1) AS hash, key_id FROM console.sessions', [
        'base64',
      ]);
      expect(rows).toContainEqual({ hash: expect.any(String), key_id: system.operator.keyId });
      expect(JSON.stringify(rows)).not.toContain(token);

      const overview = await client.get('/');
      expect(overview.status).toBe(200);
      const page = await overview.text();
      expect(page).toContain('<h1>Overview</h1>');
      expect(page).toContain('Signed in as <strong>Duty operator</strong>');
      expect(page).not.toContain(system.operator.authorization.split('.')[1]);
    });

    it('signs out only with the form (CSRF), and the session is gone', async () => {
      const client = new ConsoleClient(system.baseUrl);
      await client.signIn(system.operator.authorization);
      const page = await (await client.get('/')).text();
      expect((await client.post('/sign-out', {})).status).toBe(403);
      expect((await client.get('/')).status).toBe(200);
      const signedOut = await client.post('/sign-out', { _csrf: ConsoleClient.csrfTokenIn(page) });
      expect(signedOut.status).toBe(303);
      expect(signedOut.headers.get('location')).toBe('/sign-in?signed-out');
      expect((await client.get('/')).status).toBe(303);
    });

    it('ends the session when its key is revoked', async () => {
      const operator = await createCaller(system.stack, { name: 'Night shift', role: 'operator' });
      const client = new ConsoleClient(system.baseUrl);
      expect((await client.signIn(operator.authorization)).status).toBe(303);
      expect((await client.get('/')).status).toBe(200);
      await query(system.stack, 'UPDATE identity.api_keys SET revoked_at = now() WHERE id = $1', [operator.keyId]);
      expect((await client.get('/')).status).toBe(303);
    });
  });

  describe('overview stream', () => {
    it('refuses the stream without a session (401)', async () => {
      const response = await fetch(`${system.baseUrl}/overview/stream`, { headers: { accept: 'text/event-stream' } });
      expect(response.status).toBe(401);
    });

    it('carries the figures live: service health, topics, outbox, queues, and dead letters as they come', async () => {
      const client = new ConsoleClient(system.baseUrl);
      await client.signIn(system.operator.authorization);
      const prefix = system.stack.topicPrefix;

      const first = await client.streamUntil('overview', (data) => data.includes('data-service="shipments"'));
      const fragment = first.events.at(-1)!;
      expect(fragment).toMatch(
        /<tr data-service="shipments"><th scope="row">shipments<\/th><td><span class="status ok">up<\/span>/,
      );
      expect(fragment).toMatch(
        /<tr data-service="customs"><th scope="row">customs<\/th><td><span class="status bad">unreachable<\/span>/,
      );
      expect(figure(fragment, `data-topic="${prefix}shipments.events.v1"`, 'records')).toBe('0');
      expect(figure(fragment, 'data-outbox="shipments"', 'pending')).toBe('0');
      expect(figure(fragment, 'data-outbox="customs"', 'pending')).toBe('—'); // its schema is not in this stack
      expect(fragment).toContain('data-queue="shipment-follow-ups"');
      expect(figure(fragment, `data-dlq="${prefix}customs.events.v1.dlq"`, 'dead-letters')).toBe('0');

      await system.produce('customs.events.v1.dlq', 3);
      await system.produce('notifications.events.v1', 20);
      const later = await client.streamUntil(
        'overview',
        (data) => figure(data, `data-dlq="${prefix}customs.events.v1.dlq"`, 'dead-letters') === '3',
      );
      const updated = later.events.at(-1)!;
      expect(updated).toContain(`<tr data-dlq="${prefix}customs.events.v1.dlq" class="attention">`);
      expect(figure(updated, `data-topic="${prefix}notifications.events.v1"`, 'records')).toBe('20');
      expect(updated).toMatch(/data-values="\[[^"]*3[^"]*\]"/);
    });

    it('carries consumer lag per group and partition once a group has committed', async () => {
      const client = new ConsoleClient(system.baseUrl);
      await client.signIn(system.operator.authorization);
      const prefix = system.stack.topicPrefix;
      // The shipments service consumes customs.events.v1; records it cannot parse are dead-lettered and committed past.
      await system.produce('customs.events.v1', 6);
      const { events } = await client.streamUntil(
        'overview',
        (data) => data.includes(`data-group="${prefix}shipments" data-topic="${prefix}customs.events.v1"`),
        30_000,
      );
      expect(events.at(-1)).toMatch(
        /<ul class="partitions" aria-label="Lag per partition">(<li[^>]*>p\d: \d+<\/li>){6}<\/ul>/,
      );
    });
  });
});
