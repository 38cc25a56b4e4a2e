import {
  createCaller,
  createTestStack,
  startTestService,
  type RunningService,
  type TestCaller,
  type TestStack,
} from '@lib/testing';
import { getJson, postJson } from '../support/bookings';
import { carrierEvent, kinnowTransAfghan } from '../support/corridor-bookings';
import { modules } from '../support/system';

const NUL = '\u0000';
const LONE_HIGH = '\uD83C';
const LONE_LOW = '\uDF4A';
const cursorOf = (text: string) => Buffer.from(text).toString('base64url');
/** A well-formed uuid for the id part of a tampered cursor. */
const SHIPMENT_ID = '6f1c4a52-4c0e-4a55-9d0a-0d7f8c1b2a11';

/**
 * Issue 13, item 5: schema-valid input that Postgres or `Date` cannot hold — year 0, offsets past
 * ±14:00, NUL, unpaired surrogates, tampered cursors, planned times in year 9999 — is 422 naming the
 * field on every service, never a 500; and a bad event in a batch no longer takes the good ones down.
 */
describe('hostile input: what the database or Date cannot hold is 422, never 500', () => {
  let stack: TestStack;
  let shipments: RunningService;
  let customs: RunningService;
  let notifications: RunningService;
  let shipper: TestCaller;
  let nlc: TestCaller;
  let broker: TestCaller;
  let officer: TestCaller;
  let operator: TestCaller;

  beforeAll(async () => {
    stack = await createTestStack('hostile');
    // No customs gate here: the departures below are on a leg that starts at no crossing anyway.
    [shipments, customs, notifications] = await Promise.all([
      startTestService('shipments', modules.shipments, { CUSTOMS_GATE: 'false' }, stack),
      startTestService('customs', modules.customs, {}, stack),
      startTestService('notifications', modules.notifications, {}, stack),
    ]);
    shipper = await createCaller(stack, { name: 'Bhalwal Kinnow', role: 'shipper' });
    nlc = await createCaller(stack, { name: 'National Logistics Cell', role: 'carrier', carrierCode: 'NLC' });
    broker = await createCaller(stack, {
      name: 'Khyber Clearing Agency',
      role: 'customs_broker',
      actsFor: [shipper.tenantId],
    });
    officer = await createCaller(stack, { name: 'Torkham customs', role: 'customs_officer', crossing: 'Torkham' });
    operator = await createCaller(stack, { name: 'Control room', role: 'operator' });
  });

  afterAll(async () => {
    await Promise.all([shipments, customs, notifications].map((s) => s?.stop()));
    await stack?.dispose();
  });

  const book = async () => {
    const booked = await postJson(`${shipments.baseUrl}/v1/shipments`, kinnowTransAfghan(), shipper);
    expect(booked.status).toBe(201);
    return booked.body as { id: string; trackingNumber: string };
  };
  const timeline = async (id: string) =>
    ((await getJson(`${shipments.baseUrl}/v1/shipments/${id}`, shipper)).body.events as { eventId: string }[]).map(
      (e) => e.eventId,
    );
  /** The answer is a 422 problem naming exactly these fields. */
  const expect422 = (answer: { status: number; body: { errors?: { field: string }[] } }, ...fields: string[]) => {
    expect({ status: answer.status, fields: answer.body.errors?.map((e) => e.field) }).toEqual({ status: 422, fields });
  };

  describe('carrier events', () => {
    const badEvents: [
      string,
      (good: ReturnType<typeof carrierEvent>, tracking: string) => Record<string, unknown>,
      string,
    ][] = [
      ['occurredAt in year 0', (e) => ({ ...e, occurredAt: '0000-01-01T00:00:00Z' }), 'occurredAt'],
      ['occurredAt with offset +16:00', (e) => ({ ...e, occurredAt: '2026-11-20T04:00:00+16:00' }), 'occurredAt'],
      [
        'estimatedArrival with offset -14:30',
        (e) => ({ ...e, classifier: 'EST', kind: 'arrival', estimatedArrival: '2026-11-25T04:00:00-14:30' }),
        'estimatedArrival',
      ],
      ['NUL in eventId', (e) => ({ ...e, eventId: `${e.eventId}${NUL}` }), 'eventId'],
      ['a lone high surrogate in eventId', (e) => ({ ...e, eventId: `${e.eventId}${LONE_HIGH}` }), 'eventId'],
      [
        'NUL in trackingNumber',
        (e, tracking) => ({ ...e, shipmentId: undefined, trackingNumber: `${tracking}${NUL}` }),
        'trackingNumber',
      ],
      [
        'a lone low surrogate in trackingNumber',
        (e, tracking) => ({ ...e, shipmentId: undefined, trackingNumber: `${LONE_LOW}${tracking}` }),
        'trackingNumber',
      ],
      ['NUL in location.name', (e) => ({ ...e, location: { name: `Karachi${NUL}` } }), 'location.name'],
      [
        'a lone surrogate in an exception reason',
        (e) => ({ ...e, kind: 'exception', reason: `flat tyre ${LONE_HIGH}` }),
        'reason',
      ],
    ];

    it.each(badEvents)(
      'a batch [good, bad: %s] stores the good event and reports the bad one invalid',
      async (_what, spoil, field) => {
        const shipment = await book();
        const good = carrierEvent(shipment.id, 1, 'gate_in', 1);
        const bad = spoil(carrierEvent(shipment.id, 1, 'departure', 2), shipment.trackingNumber);
        const answer = await postJson(`${shipments.baseUrl}/v1/carrier-events/batch`, { events: [good, bad] }, nlc);
        expect(answer.status).toBe(200);
        expect(answer.body).toMatchObject({ accepted: 1, invalid: 1 });
        expect(answer.body.results[0]).toMatchObject({ index: 0, status: 201, outcome: 'accepted' });
        expect(answer.body.results[1]).toMatchObject({
          index: 1,
          status: 422,
          outcome: 'invalid',
          errors: [{ field, reason: expect.any(String) }],
        });
        expect(await timeline(shipment.id)).toEqual([good.eventId]);
      },
    );

    it.each(badEvents)('a single post with %s is 422 naming the field', async (_what, spoil, field) => {
      const shipment = await book();
      expect422(
        await postJson(
          `${shipments.baseUrl}/v1/carrier-events`,
          spoil(carrierEvent(shipment.id, 1, 'departure', 2), shipment.trackingNumber),
          nlc,
        ),
        field,
      );
      expect(await timeline(shipment.id)).toEqual([]);
    });

    it('accepts an emoji (a valid surrogate pair) in a reason', async () => {
      const shipment = await book();
      const answer = await postJson(
        `${shipments.baseUrl}/v1/carrier-events`,
        carrierEvent(shipment.id, 1, 'exception', 1, { reason: 'reefer alarm 🥶 at the gate' }),
        nlc,
      );
      expect(answer.status).toBe(201);
    });
  });

  describe('bookings', () => {
    const url = () => `${shipments.baseUrl}/v1/shipments`;
    const khunjerab = (times: Record<string, string>) => ({
      cargo: { commodity: 'cotton yarn', hsCode: '5205.12', packages: 100, weightKg: 5000 },
      legs: [
        {
          mode: 'ROAD',
          carrier: 'NLC',
          from: { name: 'Sost dry port' },
          to: { locode: 'CNKHG', name: 'Kashgar' },
          crossing: 'Khunjerab–Tashkurgan',
          ...times,
        },
      ],
    });

    it.each([
      ['NUL in consignee', kinnowTransAfghan({ consignee: `Almaty${NUL}` }), 'consignee'],
      ['a lone surrogate in consignee', kinnowTransAfghan({ consignee: `Almaty ${LONE_LOW}` }), 'consignee'],
      [
        'NUL in a leg’s place name',
        kinnowTransAfghan({
          legs: [{ mode: 'ROAD', carrier: 'NLC', from: { name: `Karachi${NUL}` }, to: { name: 'Torkham' } }],
        }),
        'legs[0].from.name',
      ],
      [
        'departureAt in year 9999 on the Karakoram Highway',
        { corridor: 'karakoram-highway', departureAt: '9999-12-20T00:00:00Z', cargo: kinnowTransAfghan().cargo },
        'departureAt',
      ],
      [
        'departureAt in year 0',
        { corridor: 'trans-afghan', departureAt: '0000-06-01T00:00:00Z', cargo: kinnowTransAfghan().cargo },
        'departureAt',
      ],
      [
        'plannedDeparture in year 9999 at Khunjerab',
        khunjerab({ plannedDeparture: '9999-12-20T00:00:00Z' }),
        'legs[0].plannedDeparture',
      ],
      [
        'plannedArrival in year 0',
        khunjerab({ plannedDeparture: '2026-12-10T00:00:00Z', plannedArrival: '0000-01-01T00:00:00Z' }),
        'legs[0].plannedArrival',
      ],
      [
        'plannedArrival in year 0001 (outside the planning window)',
        khunjerab({ plannedDeparture: '2026-11-10T00:00:00Z', plannedArrival: '0001-01-02T00:00:00Z' }),
        'legs[0].plannedArrival',
      ],
      [
        'plannedDeparture with offset +16:00',
        khunjerab({ plannedDeparture: '2026-11-10T00:00:00+16:00' }),
        'legs[0].plannedDeparture',
      ],
    ])('refuses %s with 422 naming the field', async (_what, body, field) => {
      expect422(await postJson(url(), body, shipper), field);
    });
  });

  describe('query filters and cursors', () => {
    it.each([
      ['shipments ?corridor= with NUL', () => `${shipments.baseUrl}/v1/shipments?corridor=trans%00afghan`, 'corridor'],
      [
        'shipments ?cursor= of year 0',
        () => `${shipments.baseUrl}/v1/shipments?cursor=${cursorOf(`0000-01-01T00:00:00Z|${SHIPMENT_ID}`)}`,
        'cursor',
      ],
      [
        'shipments ?cursor= whose date Postgres cannot read',
        () => `${shipments.baseUrl}/v1/shipments?cursor=${cursorOf(`1|${SHIPMENT_ID}`)}`,
        'cursor',
      ],
      ['shipments ?cursor= of garbage', () => `${shipments.baseUrl}/v1/shipments?cursor=%F0%9F%8D%8A`, 'cursor'],
      ['declarations ?crossing= with NUL', () => `${customs.baseUrl}/v1/declarations?crossing=Tork%00ham`, 'crossing'],
      [
        'declarations ?cursor= tampered',
        () => `${customs.baseUrl}/v1/declarations?crossing=Torkham&cursor=${cursorOf('0000-01-01T00:00:00Z|x|1|y')}`,
        'cursor',
      ],
      ['the feed ?shipperId= with NUL', () => `${notifications.baseUrl}/v1/feed?shipperId=shipper%00x`, 'shipperId'],
    ])('%s is 422 naming it', async (_what, url, field) => {
      const caller = url().includes('/v1/feed') ? operator : url().includes('/v1/declarations') ? officer : shipper;
      expect422(await getJson(url(), caller), field);
    });

    it('a timeline ?cursor= tampered is 422 naming it', async () => {
      const shipment = await book();
      expect422(
        await getJson(
          `${shipments.baseUrl}/v1/shipments/${shipment.id}/events?cursor=` +
            cursorOf(`2026-11-20T00:00:00Z|0000-01-01T00:00:00Z|${SHIPMENT_ID}`),
          shipper,
        ),
        'cursor',
      );
    });
  });

  describe('customs and notifications bodies', () => {
    const someId = '6f1c4a52-4c0e-4a55-9d0a-0d7f8c1b2a11';

    it.each([
      [
        'a document validUntil with offset +16:00',
        `/v1/declarations/${someId}/documents`,
        { type: 'packing_list', reference: 'PL-1', issuer: 'issuer', validUntil: '2026-12-31T23:59:59+16:00' },
        'validUntil',
      ],
      [
        'a document validUntil in year 0',
        `/v1/declarations/${someId}/documents`,
        { type: 'packing_list', reference: 'PL-1', issuer: 'issuer', validUntil: '0000-12-31T23:59:59Z' },
        'validUntil',
      ],
      [
        'NUL in a document reference',
        `/v1/declarations/${someId}/documents`,
        { type: 'packing_list', reference: `PL${NUL}1`, issuer: 'issuer' },
        'reference',
      ],
      [
        'a shipment document validUntil with offset +16:00',
        `/v1/shipments/${someId}/documents`,
        { type: 'packing_list', reference: 'PL-1', issuer: 'issuer', validUntil: '2026-12-31T23:59:59+16:00' },
        'validUntil',
      ],
      [
        'a shipment document validUntil in year 0',
        `/v1/shipments/${someId}/documents`,
        { type: 'packing_list', reference: 'PL-1', issuer: 'issuer', validUntil: '0000-12-31T23:59:59Z' },
        'validUntil',
      ],
      [
        'a lone surrogate in a shipment document issuer',
        `/v1/shipments/${someId}/documents`,
        { type: 'packing_list', reference: 'PL-1', issuer: `Karachi ${LONE_HIGH}` },
        'issuer',
      ],
      [
        'an unknown shipment document type',
        `/v1/shipments/${someId}/documents`,
        { type: 'bribe', reference: 'PL-1', issuer: 'issuer' },
        'type',
      ],
    ])('customs refuses %s with 422', async (_what, path, body, field) => {
      expect422(await postJson(`${customs.baseUrl}${path}`, body, broker), field);
    });

    it('customs refuses a hold reason with a lone surrogate with 422', async () => {
      expect422(
        await postJson(
          `${customs.baseUrl}/v1/declarations/${someId}/hold`,
          { reason: `seal broken ${LONE_HIGH}` },
          officer,
        ),
        'reason',
      );
    });

    it.each([
      ['NUL', `ERP${NUL}integration`],
      ['a lone surrogate', `ERP ${LONE_LOW}`],
    ])(
      'notifications refuses a subscription description with %s, on create and on change',
      async (_what, description) => {
        expect422(
          await postJson(
            `${notifications.baseUrl}/v1/subscriptions`,
            { channel: 'email', email: 'ops@bhalwal-kinnow.example', description },
            shipper,
          ),
          'description',
        );
        const created = await postJson(
          `${notifications.baseUrl}/v1/subscriptions`,
          { channel: 'email', email: 'ops@bhalwal-kinnow.example', description: 'ERP 🍊' },
          shipper,
        );
        expect(created.status).toBe(201);
        const changed = await fetch(`${notifications.baseUrl}/v1/subscriptions/${created.body.id}`, {
          method: 'PATCH',
          headers: { 'content-type': 'application/json', authorization: shipper.authorization },
          body: JSON.stringify({ description }),
        });
        expect422(
          { status: changed.status, body: (await changed.json()) as { errors?: { field: string }[] } },
          'description',
        );
      },
    );
  });
});
