import { createCaller, eventually, startWebhookReceiver, type TestCaller, type WebhookReceiver } from '@lib/testing';
import { getJson, kinnowByAir, postJson } from '../../../test/support/bookings';
import { carrierEvent } from '../../../test/support/corridor-bookings';
import { ConsoleClient } from './console-client';
import { startConsoleStack, type ConsoleStack } from './console-stack';

/** Rows of a table by a data attribute. */
const rowsIn = (page: string, attribute: string) =>
  [...page.matchAll(new RegExp(`<tr ${attribute}="([^"]+)"`, 'g'))].map((m) => m[1]);

/**
 * The shipment view on the real stack: shipments, customs and notifications in-process, read by the
 * console through their own APIs with its operator key; a notification replayed from the page.
 */
describe('operator console: shipment view', () => {
  let system: ConsoleStack;
  let client: ConsoleClient;
  let receiver: WebhookReceiver;
  let carrier: TestCaller;
  let shipment: { id: string; trackingNumber: string };
  const names = ['shipments', 'customs', 'notifications'] as const;
  const url = (name: (typeof names)[number]) => system.services[names.indexOf(name)].baseUrl;

  beforeAll(async () => {
    system = await startConsoleStack('consoleshipment', [...names], {
      // The departure below without clearing customs first.
      shipments: { CUSTOMS_GATE: 'false' },
      notifications: { WEBHOOK_ALLOW_LOOPBACK: 'true', WEBHOOK_RETRY_SCHEDULE: '0s,1s', WEBHOOK_TIMEOUT_MS: '500' },
    });
    carrier = await createCaller(system.stack, { name: 'SCAT Airlines', role: 'carrier', carrierCode: 'SCAT' });
    let secret = '';
    receiver = await startWebhookReceiver(() => secret);
    const subscribed = await postJson(
      `${url('notifications')}/v1/subscriptions`,
      { channel: 'webhook', url: receiver.url, eventTypes: ['shipment.booked'] },
      system.shipper,
    );
    expect(subscribed.status).toBe(201);
    secret = subscribed.body.secret;
    const booked = await postJson(`${url('shipments')}/v1/shipments`, kinnowByAir(), system.shipper);
    expect(booked.status).toBe(201);
    shipment = booked.body;
    client = new ConsoleClient(system.baseUrl);
    expect((await client.signIn(system.operator.authorization)).status).toBe(303);
  });

  afterAll(async () => {
    await receiver?.close();
    await system?.stop();
  });

  it('opens by tracking number: state, legs, customs, timeline and notifications beside the Kafka facts', async () => {
    const departed = await postJson(
      `${url('shipments')}/v1/carrier-events`,
      carrierEvent(shipment.id, 1, 'departure', 0),
      carrier,
    );
    expect(departed.status).toBe(201);
    await eventually(() => expect(receiver.delivered).toHaveLength(1));

    const page = await eventually(async () => {
      const found = await client.get(`/shipments?q=${shipment.trackingNumber.toLowerCase()}`);
      expect(found.status).toBe(303);
      expect(found.headers.get('location')).toBe(`/shipments/${shipment.id}`);
      const response = await client.get(`/shipments/${shipment.id}`);
      expect(response.status).toBe(200);
      const text = await response.text();
      expect(text).toContain('<td>shipment.leg.departed</td>');
      expect(text).toContain('<td>shipment.booked</td>');
      expect(rowsIn(text, 'data-notification').length).toBeGreaterThan(0);
      expect(text).toContain('data-attempt="0:1"');
      return text;
    });
    expect(page).toContain(`<h1>Shipment ${shipment.trackingNumber}</h1>`);
    expect(page).toContain('data-shipment-status="IN_TRANSIT"');
    expect(page).toContain('Lahore airport customs');
    expect(rowsIn(page, 'data-declaration').length).toBeGreaterThan(0);
    expect(rowsIn(page, 'data-timeline')).toHaveLength(1);
    expect(page).toContain('<td>departure');
    expect(page).toContain('<a href="/shipments/notification-replay?id=');
  });

  it('replays a notification only through a CSRF-checked form, via the notifications service, audited', async () => {
    const { body } = await getJson(
      `${url('notifications')}/v1/notifications?shipmentId=${shipment.id}`,
      system.consoleKey,
    );
    const notification = (body.items as { id: string; channel: string; round: number; status: string }[]).find(
      (n) => n.channel === 'webhook',
    )!;
    expect(notification).toMatchObject({ round: 0 });
    await eventually(async () =>
      expect(
        (await getJson(`${url('notifications')}/v1/notifications/${notification.id}`, system.consoleKey)).body.status,
      ).toBe('delivered'),
    );

    const refused = await client.post('/shipments/notification-replay', { id: notification.id, shipment: shipment.id });
    expect(refused.status).toBe(403);
    expect(
      (await getJson(`${url('notifications')}/v1/notifications/${notification.id}`, system.consoleKey)).body.round,
    ).toBe(0);

    const form = await (await client.get(`/shipments/notification-replay?id=${notification.id}`)).text();
    expect(form).toContain('<form method="post" action="/shipments/notification-replay"');
    const replayed = await client.post('/shipments/notification-replay', {
      _csrf: ConsoleClient.csrfTokenIn(form.slice(form.indexOf('class="confirm"'))),
      id: notification.id,
      shipment: shipment.id,
    });
    expect(replayed.status).toBe(303);
    expect(replayed.headers.get('location')).toBe(
      `/shipments/${shipment.id}?outcome=replayed&notification=${notification.id}&round=1`,
    );
    await eventually(() => expect(receiver.delivered).toHaveLength(2));
    expect(new Set(receiver.delivered.map((r) => r.id)).size).toBe(1);

    const page = await eventually(async () => {
      const text = await (await client.get(replayed.headers.get('location')!)).text();
      expect(text).toContain('data-attempt="1:1"');
      return text;
    });
    expect(page).toContain('is being delivered again (round 1)');
    expect(page).toContain(`<tr data-notification="${notification.id}" data-round="1">`);
    expect(rowsIn(page, 'data-audit-outcome')).toEqual(['replayed']);
    expect(await (await client.get('/dead-letters')).text()).toContain('<td>replay notification</td>');
  });

  it('says what is missing for an unknown shipment', async () => {
    expect((await client.get('/shipments?q=KZPK-0000-0000')).status).toBe(404);
  });
});
