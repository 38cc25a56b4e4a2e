import { createHash } from 'node:crypto';
import { request } from 'node:http';
import {
  createCaller,
  createTestStack,
  startTestService,
  type RunningService,
  type TestCaller,
  type TestStack,
} from '@lib/testing';
import { getJson, postJson } from '../../../test/support/bookings';
import { carrierEvent, kinnowTransAfghan } from '../../../test/support/corridor-bookings';
import { query } from '../../../test/support/database';
import { TRACKING_RATE_LIMIT } from '../src/tracking/tracking.controller';
import { shipmentsModule } from './shipments-module';

/** A GET from a chosen loopback address (all of 127/8 is local), so the rate limit test is its own client. */
function getFrom(url: string, from: string): Promise<{ status: number; retryAfter: string | undefined }> {
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { localAddress: from, agent: false }, (incoming) => {
      incoming.resume();
      incoming.on('end', () =>
        resolve({ status: incoming.statusCode ?? 0, retryAfter: incoming.headers['retry-after'] as string }),
      );
      incoming.on('error', reject);
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

/** Reads server-sent events from a stream: each next() answers the next event (or null once the stream ends). */
function sseReader(body: ReadableStream<Uint8Array>) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffered = '';
  return async function next(): Promise<{ event: string; data: string } | null> {
    for (;;) {
      const end = buffered.indexOf('\n\n');
      if (end >= 0) {
        const block = buffered.slice(0, end);
        buffered = buffered.slice(end + 2);
        const lines = block.split('\n').filter((line) => !line.startsWith(':'));
        if (lines.length === 0) continue;
        const event = lines.find((line) => line.startsWith('event: '))?.slice(7) ?? 'message';
        const data = lines.filter((line) => line.startsWith('data: ')).map((line) => line.slice(6));
        return { event, data: data.join('\n') };
      }
      const { value, done } = await reader.read();
      if (done) return null;
      buffered += decoder.decode(value, { stream: true });
    }
  };
}

const DAY_MS = 86_400_000;

/** Share links over HTTP on the real stack: tokens shown once and stored hashed, tenant scoping, the public page. */
describe('share links and the public tracking page', () => {
  let stack: TestStack;
  let shipments: RunningService;
  let secondInstance: RunningService;
  let shipper: TestCaller;
  let otherShipper: TestCaller;
  let carrier: TestCaller;
  let operator: TestCaller;
  const linksOf = (id: string) => `${shipments.baseUrl}/v1/shipments/${id}/share-links`;
  const book = async () => {
    const booked = await postJson(`${shipments.baseUrl}/v1/shipments`, kinnowTransAfghan(), shipper);
    expect(booked.status).toBe(201);
    return booked.body as { id: string; trackingNumber: string; bookedAt: string };
  };
  const share = (id: string, body: unknown, caller: TestCaller = shipper, headers: Record<string, string> = {}) =>
    postJson(linksOf(id), body, caller, headers);
  const revoke = (id: string, linkId: string, caller: TestCaller = shipper) =>
    fetch(`${linksOf(id)}/${linkId}`, { method: 'DELETE', headers: { authorization: caller.authorization } });
  const open = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${shipments.baseUrl}${path}`, { headers });

  beforeAll(async () => {
    stack = await createTestStack('sharelinks');
    // The legs run in the clock's past: a year's grace keeps follow-ups from declaring them overdue.
    const env = { CUSTOMS_GATE: 'false', LEG_OVERDUE_GRACE_MS: String(365 * DAY_MS) };
    [shipments, secondInstance] = await Promise.all([
      startTestService('shipments', shipmentsModule, env, stack),
      // Behind a proxy: links are handed out under the public address, not the Host the request came in on.
      startTestService('shipments', shipmentsModule, { ...env, PUBLIC_BASE_URL: 'https://track.example.com/' }, stack),
    ]);
    [shipper, otherShipper, carrier, operator] = await Promise.all([
      createCaller(stack, { name: 'Bhalwal Kinnow', role: 'shipper' }),
      createCaller(stack, { name: 'Sargodha Citrus', role: 'shipper' }),
      createCaller(stack, { name: 'National Logistics Cell', role: 'carrier', carrierCode: 'NLC' }),
      createCaller(stack, { name: 'Control room', role: 'operator' }),
    ]);
  });

  afterAll(async () => {
    await Promise.all([shipments, secondInstance].map((s) => s?.stop()));
    await stack?.dispose();
  });

  it('answers the token once, with the page URL, and keeps only its SHA-256', async () => {
    const shipment = await book();
    const created = await share(shipment.id, { label: 'receiving desk' }, shipper, {
      'accept-language': 'ru-KZ,ru;q=0.9,en;q=0.5',
    });
    expect(created.status).toBe(201);
    const { token, url, path, ...link } = created.body;
    expect(token).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(path).toBe(`/t/${token}`);
    expect(url).toBe(`${shipments.baseUrl}/t/${token}`);
    expect(link).toMatchObject({
      label: 'receiving desk',
      language: 'ru',
      show: { consignee: false, documents: false },
      expiresAt: null,
      revokedAt: null,
    });

    const rows = await query(stack, 'SELECT * FROM shipments.share_links WHERE id = $1', [link.id]);
    expect(rows).toHaveLength(1);
    expect((rows[0].token_hash as Buffer).equals(createHash('sha256').update(token).digest())).toBe(true);
    expect(JSON.stringify(rows[0])).not.toContain(token);

    const listed = await getJson(linksOf(shipment.id), shipper);
    expect(listed.status).toBe(200);
    expect(listed.body.items).toEqual([expect.objectContaining({ id: link.id, label: 'receiving desk' })]);
    expect(JSON.stringify(listed.body)).not.toContain(token);
    expect(listed.body.items[0]).not.toHaveProperty('token');
    expect(listed.body.items[0]).not.toHaveProperty('tokenHash');
  });

  it('hands links out under PUBLIC_BASE_URL where one is set', async () => {
    const shipment = await book();
    const viaProxy = await postJson(`${secondInstance.baseUrl}/v1/shipments/${shipment.id}/share-links`, {}, shipper);
    expect(viaProxy.status).toBe(201);
    expect(viaProxy.body.url).toBe(`https://track.example.com/t/${viaProxy.body.token}`);
    const page = await fetch(`${secondInstance.baseUrl}${viaProxy.body.path}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<svg');
  });

  it('opens the page without a key: noindex, no-store, strict CSP, no referrer; consignee only if shared', async () => {
    const shipment = await book();
    const plain = (await share(shipment.id, { language: 'en' })).body;
    const page = await open(plain.path);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('x-robots-tag')).toContain('noindex');
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const body = await page.text();
    expect(body).toContain('<meta name="robots" content="noindex, nofollow">');
    expect(body).toContain('<html lang="en" dir="ltr">');
    expect(body).toContain(shipment.trackingNumber);
    expect(body).toContain('Karachi');
    // The place name is set apart by Unicode isolates (U+2068 … U+2069), so it reads right in Urdu too.
    expect(body).toContain('Customs at \u2068Torkham\u2069');
    expect(body).toMatch(/<svg[^>]*>.*<\/svg>/s);
    expect(body).not.toContain('Almaty Fruit Terminal LLP');

    const withConsignee = (await share(shipment.id, { show: { consignee: true } })).body;
    await expect((await open(withConsignee.path)).text()).resolves.toContain('Almaty Fruit Terminal LLP');

    const inUrdu = await (await open(`${plain.path}?lang=ur`)).text();
    expect(inUrdu).toContain('<html lang="ur" dir="rtl">');
    expect(inUrdu).toContain('کسٹمز');

    const listed = await getJson(linksOf(shipment.id), shipper);
    const opened = listed.body.items.find((l: { id: string }) => l.id === plain.id);
    expect(opened.lastOpenedAt).not.toBeNull();
  });

  it('revokes idempotently; the page and its live stream are 404 from then on', async () => {
    const shipment = await book();
    const link = (await share(shipment.id, {})).body;
    expect((await open(link.path)).status).toBe(200);
    expect((await revoke(shipment.id, link.id)).status).toBe(204);
    expect((await revoke(shipment.id, link.id)).status).toBe(204);
    const gone = await open(link.path);
    expect(gone.status).toBe(404);
    expect(gone.headers.get('cache-control')).toBe('no-store');
    expect(gone.headers.get('x-robots-tag')).toContain('noindex');
    expect(await gone.text()).toContain('This tracking link is not valid');
    expect((await open(`${link.path}/live`, { accept: 'text/event-stream' })).status).toBe(404);
    const listed = await getJson(linksOf(shipment.id), shipper);
    expect(listed.body.items[0].revokedAt).not.toBeNull();
    expect((await revoke(shipment.id, '0b6f3c1e-7d2a-4f5e-9c8b-1a2b3c4d5e6f')).status).toBe(404);
  });

  it('streams the page from any instance: an event posted to one shows on the other; revoking ends it', async () => {
    const nlc = await createCaller(stack, { name: 'National Logistics Cell', role: 'carrier', carrierCode: 'NLC' });
    const shipment = await book();
    const link = (await share(shipment.id, { language: 'ru' })).body;
    const response = await fetch(`${secondInstance.baseUrl}${link.path}/live`, {
      headers: { accept: 'text/event-stream' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const next = sseReader(response.body!);
    const first = await next();
    expect(first?.event).toBe('tracking');
    expect(first?.data).toContain('Принят к перевозке');
    expect(first?.data).not.toContain('data-kind="departure"');

    const posted = await postJson(
      `${shipments.baseUrl}/v1/carrier-events`,
      carrierEvent(shipment.id, 1, 'departure', 0),
      nlc,
    );
    expect(posted.status).toBe(201);
    // Each change is one push; a later one (a predicted ETA) may follow, never one without the event.
    const update = await next();
    expect(update?.event).toBe('tracking');
    expect(update?.data).toContain('data-kind="departure"');
    expect(update?.data).toContain('В пути');

    expect((await revoke(shipment.id, link.id)).status).toBe(204);
    const after: string[] = [];
    for (let event = await next(); event; event = await next()) after.push(event.data);
    // The stream ends by itself, its last word the link's end.
    expect(after.at(-1)).toContain('Ссылка для отслеживания недействительна');
    expect((await fetch(`${secondInstance.baseUrl}${link.path}/live`)).status).toBe(404);
  });

  it('stops opening a link once it has expired', async () => {
    const shipment = await book();
    const expiresAt = new Date(Date.parse(shipment.bookedAt) + DAY_MS).toISOString();
    const link = (await share(shipment.id, { expiresAt })).body;
    expect(link.expiresAt).toBe(expiresAt);
    expect((await open(link.path)).status).toBe(200);
    // The clock does not run a day in a test: the row's expiry is moved into the past instead.
    await query(stack, `UPDATE shipments.share_links SET expires_at = now() - interval '1 minute' WHERE id = $1`, [
      link.id,
    ]);
    expect((await open(link.path)).status).toBe(404);
    expect((await open('/t/AAAAAAAAAAAAAAAAAAAAAA')).status).toBe(404);
    expect((await open('/t/not-a-token')).status).toBe(404);
  });

  it('keeps links to the shipper: another tenant gets 404, a carrier 403, an operator lists and revokes', async () => {
    const shipment = await book();
    const link = (await share(shipment.id, {})).body;
    expect((await share(shipment.id, {}, otherShipper)).status).toBe(404);
    expect((await getJson(linksOf(shipment.id), otherShipper)).status).toBe(404);
    expect((await revoke(shipment.id, link.id, otherShipper)).status).toBe(404);
    expect((await share(shipment.id, {}, carrier)).status).toBe(403);
    expect((await share('0b6f3c1e-7d2a-4f5e-9c8b-1a2b3c4d5e6f', {})).status).toBe(404);
    expect((await share('not-a-uuid', {})).status).toBe(404);
    expect((await open(link.path)).status).toBe(200);

    const listed = await getJson(linksOf(shipment.id), operator);
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((l: { id: string }) => l.id)).toEqual([link.id]);
    expect((await revoke(shipment.id, link.id, operator)).status).toBe(204);
    expect((await open(link.path)).status).toBe(404);
  });

  it('validates the body: 400 for malformed JSON, 422 naming each refused field', async () => {
    const shipment = await book();
    const malformed = await fetch(linksOf(shipment.id), {
      method: 'POST',
      headers: { authorization: shipper.authorization, 'content-type': 'application/json' },
      body: '{"label": ',
    });
    expect(malformed.status).toBe(400);

    const bookedAt = Date.parse(shipment.bookedAt);
    const cases: [unknown, string, RegExp][] = [
      [{ language: 'de' }, 'language', /./],
      [{ expiresAt: new Date(bookedAt - DAY_MS).toISOString() }, 'expiresAt', /future/],
      [{ expiresAt: new Date(bookedAt + 400 * DAY_MS).toISOString() }, 'expiresAt', /year/],
      [{ expiresAt: 'next tuesday' }, 'expiresAt', /ISO-8601/],
      [{ show: { consignee: 'yes' } }, 'show.consignee', /./],
      [{ show: { prices: true } }, 'show', /./],
      [{ label: '' }, 'label', /./],
    ];
    for (const [body, field, reason] of cases) {
      const refused = await share(shipment.id, body);
      expect({ body, status: refused.status }).toEqual({ body, status: 422 });
      expect(refused.contentType).toMatch(/^application\/problem\+json/);
      expect(refused.body.errors).toEqual(
        expect.arrayContaining([expect.objectContaining({ field, reason: expect.stringMatching(reason) })]),
      );
    }
    expect((await getJson(linksOf(shipment.id), shipper)).body.items).toEqual([]);
  });

  it('documents the share link API behind the bearer scheme, and not the public page', async () => {
    const document = (await (await fetch(`${shipments.baseUrl}/docs-json`)).json()) as {
      paths: Record<string, Record<string, { security?: unknown[]; responses: Record<string, unknown> }>>;
    };
    const paths = Object.keys(document.paths);
    expect(paths).toEqual(
      expect.arrayContaining(['/v1/shipments/{id}/share-links', '/v1/shipments/{id}/share-links/{linkId}']),
    );
    expect(paths.filter((path) => path.startsWith('/t/'))).toEqual([]);
    const create = document.paths['/v1/shipments/{id}/share-links'].post;
    expect(create.security).toEqual([{ bearer: [] }]);
    expect(Object.keys(create.responses)).toEqual(expect.arrayContaining(['201', '401', '404', '422', '429']));
  });

  it('limits page requests per client address: 429 with Retry-After past the budget', async () => {
    const from = '127.0.0.7';
    const statuses: number[] = [];
    let retryAfter: string | undefined;
    for (let i = 0; i <= TRACKING_RATE_LIMIT.max; i++) {
      const answer = await getFrom(`${shipments.baseUrl}/t/AAAAAAAAAAAAAAAAAAAAA${i % 10}`, from);
      statuses.push(answer.status);
      retryAfter = answer.retryAfter;
    }
    expect(statuses.slice(0, TRACKING_RATE_LIMIT.max)).toEqual(Array(TRACKING_RATE_LIMIT.max).fill(404));
    expect(statuses[TRACKING_RATE_LIMIT.max]).toBe(429);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    // Another address still gets its page.
    expect((await getFrom(`${shipments.baseUrl}/t/AAAAAAAAAAAAAAAAAAAAAA`, '127.0.0.8')).status).toBe(404);
  });
});
