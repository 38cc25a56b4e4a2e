import { Partitioners, type Producer } from 'kafkajs';
import { Client } from 'pg';
import { topicName } from '@lib/contracts';
import {
  createCaller,
  createTestStack,
  eventually,
  startTestService,
  testKafka,
  type RunningService,
  type TestCaller,
  type TestStack,
} from '@lib/testing';
import { randomUUID } from 'node:crypto';
import { getJson, postJson } from '../../../test/support/bookings';
import { carrierEvent, kinnowTransAfghan } from '../../../test/support/corridor-bookings';
import { query } from '../../../test/support/database';
import { customsEvent, toKafkaMessage } from '../../../test/support/events';
import { dcsaEventSchema, dcsaViolations } from '../../../test/standards/dcsa/dcsa-schema';
import { shipmentsModule } from './shipments-module';

interface DcsaEvent {
  eventID: string;
  eventType: string;
  eventCreatedDateTime: string;
  eventDateTime: string;
  eventClassifierCode: string;
  transportEventTypeCode?: string;
  equipmentEventTypeCode?: string;
  shipmentEventTypeCode?: string;
  documentID?: string;
  equipmentReference?: string;
  transportCall?: { UNLocationCode?: string; modeOfTransport: string; facilityTypeCode?: string };
  documentReferences?: { documentReferenceType: string; documentReferenceValue: string }[];
}

/** The code a DCSA event is about, whichever type it is. */
const codeOf = (e: DcsaEvent) => e.transportEventTypeCode ?? e.equipmentEventTypeCode ?? e.shipmentEventTypeCode;

/** A genuine DCSA TNT 2.2 TransportEvent, as a carrier's DCSA system posts it. */
const dcsaTransportEvent = (trackingNumber: string, overrides: Record<string, unknown> = {}) => ({
  eventID: randomUUID(),
  eventType: 'TRANSPORT',
  eventClassifierCode: 'ACT',
  eventDateTime: '2026-11-20T08:00:00+05:00',
  eventCreatedDateTime: '2026-11-20T08:02:00+05:00',
  transportEventTypeCode: 'DEPA',
  transportCall: {
    transportCallID: `NLC-${randomUUID()}`,
    modeOfTransport: 'TRUCK',
    UNLocationCode: 'PKKHI',
    facilityTypeCode: 'INTE',
    location: { locationName: 'Karachi dry port', UNLocationCode: 'PKKHI' },
  },
  documentReferences: [{ documentReferenceType: 'BKG', documentReferenceValue: trackingNumber }],
  ...overrides,
});

/**
 * Issue 17, part 4: DCSA Track & Trace 2.2 over the real HTTP app — GET /v2/events answers shippers'
 * systems in DCSA's shapes (validated against DCSA's published OpenAPI), filtered and paged as DCSA says,
 * scoped to the caller; carriers may post DCSA's own event bodies to /v1/carrier-events.
 */
describe('DCSA Track & Trace 2.2', () => {
  let stack: TestStack;
  let shipments: RunningService;
  let shipper: TestCaller;
  let otherShipper: TestCaller;
  let operator: TestCaller;
  let nlc: TestCaller;
  let tcs: TestCaller;
  let producer: Producer;

  beforeAll(async () => {
    stack = await createTestStack('dcsa');
    // The legs run in the clock's past: a year's grace keeps overdue follow-ups out of the way.
    shipments = await startTestService(
      'shipments',
      shipmentsModule,
      { CUSTOMS_GATE: 'false', LEG_OVERDUE_GRACE_MS: String(365 * 86_400_000) },
      stack,
    );
    shipper = await createCaller(stack, { name: 'Bhalwal Kinnow', role: 'shipper' });
    otherShipper = await createCaller(stack, { name: 'Sindh Mango', role: 'shipper' });
    operator = await createCaller(stack, { name: 'Control room', role: 'operator' });
    nlc = await createCaller(stack, { name: 'National Logistics Cell', role: 'carrier', carrierCode: 'NLC' });
    tcs = await createCaller(stack, { name: 'Trans-Corridor Services', role: 'carrier', carrierCode: 'TCS' });
    producer = testKafka('dcsa').producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
  });

  afterAll(async () => {
    await producer?.disconnect();
    await shipments?.stop();
    await stack?.dispose();
  });

  const book = async (caller = shipper) => {
    const { status, body } = await postJson(`${shipments.baseUrl}/v1/shipments`, kinnowTransAfghan(), caller);
    expect(status).toBe(201);
    return { id: body.id as string, trackingNumber: body.trackingNumber as string };
  };
  /** One post per event, so each has its own eventCreatedDateTime (a batch is accepted at one instant). */
  const postEach = async (events: unknown[]) => {
    for (const event of events) {
      const answer = await postJson(`${shipments.baseUrl}/v1/carrier-events`, event, nlc);
      expect({ status: answer.status, body: answer.body }).toMatchObject({ status: 201 });
    }
  };
  /** GET /v2/events (path and query): status, headers, body; every 200 body checked against DCSA's schema. */
  const feed = async (
    pathAndQuery: string,
    caller: TestCaller,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; headers: Headers; body: any }> => {
    const response = await fetch(`${shipments.baseUrl}${pathAndQuery}`, {
      headers: { authorization: caller.authorization, ...headers },
    });
    const body = await response.json();
    if (response.status === 200) {
      expect(dcsaViolations('eventsAnswer', body)).toEqual([]);
      for (const event of body as DcsaEvent[]) expect(dcsaViolations(dcsaEventSchema(event), event)).toEqual([]);
    }
    return { status: response.status, headers: response.headers, body };
  };
  const events = async (query: string, caller = shipper): Promise<DcsaEvent[]> => {
    const answer = await feed(`/v2/events?${query}`, caller);
    expect(answer.status).toBe(200);
    return answer.body as DcsaEvent[];
  };
  /** Every page, following Next-Page links from `first`. */
  const allPages = async (first: string, caller = shipper) => {
    const pages: { body: DcsaEvent[]; headers: Headers }[] = [];
    let link: string | null = first;
    while (link) {
      const answer = await feed(link, caller);
      expect(answer.status).toBe(200);
      pages.push({ body: answer.body, headers: answer.headers });
      link = answer.headers.get('next-page');
      if (pages.length > 50) throw new Error('Next-Page does not advance');
    }
    return pages;
  };

  describe('GET /v2/events', () => {
    let shipment: { id: string; trackingNumber: string };
    let all: DcsaEvent[];

    beforeAll(async () => {
      shipment = await book();
      await postEach([
        carrierEvent(shipment.id, 1, 'gate_in', 0.5, { location: { locode: 'PKKHI', name: 'Karachi' } }),
        carrierEvent(shipment.id, 1, 'departure', 1),
        // A temperature reading has no DCSA 2.2 event: it stays out of the feed.
        carrierEvent(shipment.id, 1, 'temperature', 2, { celsius: 6 }),
        carrierEvent(shipment.id, 1, 'border_arrival', 20, { location: { locode: 'PKTOR', name: 'Torkham' } }),
        carrierEvent(shipment.id, 1, 'arrival', 21),
      ]);
      all = await events(`carrierBookingReference=${shipment.trackingNumber}`);
    });

    it('answers the shipment’s booking and movements as DCSA events, in the order they were created', () => {
      expect(all.map((e) => `${e.eventType} ${codeOf(e)}`)).toEqual([
        'SHIPMENT CONF',
        'EQUIPMENT GTIN',
        'TRANSPORT DEPA',
        'TRANSPORT ARRI',
        'TRANSPORT ARRI',
      ]);
      const created = all.map((e) => Date.parse(e.eventCreatedDateTime));
      expect(created).toEqual([...created].sort((a, b) => a - b));
      expect(all[0]).toMatchObject({ documentTypeCode: 'BKG', documentID: shipment.trackingNumber });
      expect(all[2]).toMatchObject({
        eventClassifierCode: 'ACT',
        eventDateTime: '2026-11-20T01:00:00.000Z',
        transportCall: { modeOfTransport: 'TRUCK', UNLocationCode: 'PKKHI' },
        documentReferences: [
          { documentReferenceType: 'BKG', documentReferenceValue: shipment.trackingNumber },
          { documentReferenceType: 'TRD', documentReferenceValue: shipment.trackingNumber },
        ],
      });
      // The border arrival is a call at a border crossing; the leg's arrival is at its end, Torkham too.
      expect(all[3].transportCall).toMatchObject({ facilityTypeCode: 'BOCR', UNLocationCode: 'PKTOR' });
      expect(all[4].transportCall).toMatchObject({ UNLocationCode: 'PKTOR' });
      expect(all[4].transportCall).not.toHaveProperty('facilityTypeCode');
    });

    it('sends API-Version and Current-Page', async () => {
      const query = `/v2/events?carrierBookingReference=${shipment.trackingNumber}`;
      const answer = await feed(query, shipper, { 'API-Version': '2' });
      expect(answer.status).toBe(200);
      expect(answer.headers.get('api-version')).toBe('2.2.0');
      expect(answer.headers.get('current-page')).toBe(query);
      expect(answer.headers.get('next-page')).toBeNull();
    });

    it('filters by event type and DCSA codes (OR within a filter, AND between filters)', async () => {
      const ref = `carrierBookingReference=${shipment.trackingNumber}`;
      const ids = (list: DcsaEvent[]) => list.map((e) => e.eventID);
      expect(ids(await events(`${ref}&eventType=TRANSPORT`))).toEqual(ids(all.slice(2)));
      expect(ids(await events(`${ref}&eventType=SHIPMENT,EQUIPMENT`))).toEqual(ids(all.slice(0, 2)));
      expect(ids(await events(`${ref}&transportEventTypeCode=DEPA`))).toEqual([all[2].eventID]);
      expect(ids(await events(`${ref}&transportEventTypeCode=ARRI,DEPA`))).toEqual(ids(all.slice(2)));
      expect(ids(await events(`${ref}&equipmentEventTypeCode=GTIN`))).toEqual([all[1].eventID]);
      expect(ids(await events(`${ref}&shipmentEventTypeCode=CONF`))).toEqual([all[0].eventID]);
      expect(ids(await events(`${ref}&documentTypeCode=BKG`))).toEqual([all[0].eventID]);
      // DCSA: a shipment code and an equipment code together can match nothing.
      expect(await events(`${ref}&shipmentEventTypeCode=CONF&equipmentEventTypeCode=GTIN`)).toEqual([]);
      expect(ids(await events(`${ref}&UNLocationCode=PKTOR`))).toEqual(ids(all.slice(3)));
      expect(ids(await events(`transportDocumentReference=${shipment.trackingNumber}`))).toEqual(ids(all));
      expect(ids(await events(`carrierBookingReference=${shipment.trackingNumber.toLowerCase()}`))).toEqual(ids(all));
      expect(await events('carrierBookingReference=KZPK-0000-0000')).toEqual([]);
    });

    it('filters on eventCreatedDateTime with each operator', async () => {
      const ref = `carrierBookingReference=${shipment.trackingNumber}`;
      const at = encodeURIComponent(all[2].eventCreatedDateTime);
      const ids = async (op: string) => (await events(`${ref}&eventCreatedDateTime${op}=${at}`)).map((e) => e.eventID);
      const expected = (list: DcsaEvent[]) => list.map((e) => e.eventID);
      expect(await ids(':gte')).toEqual(expected(all.slice(2)));
      expect(await ids(':gt')).toEqual(expected(all.slice(3)));
      expect(await ids(':lte')).toEqual(expected(all.slice(0, 3)));
      expect(await ids(':lt')).toEqual(expected(all.slice(0, 2)));
      expect(await ids(':eq')).toEqual([all[2].eventID]);
      expect(await ids('')).toEqual([all[2].eventID]);
    });

    it('pages with limit and Next-Page links, without gaps or repeats', async () => {
      const pages = await allPages(`/v2/events?carrierBookingReference=${shipment.trackingNumber}&limit=2`);
      expect(pages.map((p) => p.body.length)).toEqual([2, 2, 1]);
      expect(pages.flatMap((p) => p.body.map((e) => e.eventID))).toEqual(all.map((e) => e.eventID));
      expect(pages[0].headers.get('first-page')).toBeNull();
      expect(pages[1].headers.get('first-page')).toBe(
        `/v2/events?carrierBookingReference=${shipment.trackingNumber}&limit=2`,
      );
      expect(pages[1].headers.get('next-page')).toMatch(/^\/v2\/events\?carrierBookingReference=.*&limit=2&cursor=/);
      expect(pages[2].headers.get('next-page')).toBeNull();
    });

    it('dates the booking by the database, like every other row, not by the simulated clock', async () => {
      const [row] = await query<{ created: string }>(
        stack,
        `SELECT to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS created
           FROM shipments.shipments WHERE id = $1`,
        [shipment.id],
      );
      expect(all[0]).toMatchObject({ eventCreatedDateTime: row.created, eventDateTime: row.created });
    });

    it('publishes an estimate sent with another kind as the arrival it estimates, at the leg’s end', async () => {
      const estimated = await book();
      await postEach([
        carrierEvent(estimated.id, 1, 'departure', 1, {
          classifier: 'EST',
          estimatedArrival: '2026-11-21T06:00:00Z',
        }),
      ]);
      const out = await events(`carrierBookingReference=${estimated.trackingNumber}&eventType=TRANSPORT`);
      expect(out).toEqual([
        expect.objectContaining({
          eventClassifierCode: 'EST',
          transportEventTypeCode: 'ARRI',
          eventDateTime: '2026-11-21T06:00:00.000Z',
          transportCall: expect.objectContaining({ UNLocationCode: 'PKTOR', transportCallID: `${estimated.id}/1/to` }),
        }),
      ]);
      expect(await events(`carrierBookingReference=${estimated.trackingNumber}&transportEventTypeCode=DEPA`)).toEqual(
        [],
      );
    });

    it('serves a row only once its transaction and every older one has finished, so no cursor passes it', async () => {
      // A shipper of its own: the feed unfiltered is this test's rows only.
      const poller = await createCaller(stack, { name: 'Punjab Citrus', role: 'shipper' });
      const slowShipment = await book(poller);
      const quickShipment = await book(poller);
      await postEach([carrierEvent(slowShipment.id, 1, 'departure', 1)]);
      const [departure] = await query<{ id: string }>(
        stack,
        `SELECT id FROM shipments.shipment_events WHERE shipment_id = $1 AND kind = 'departure'`,
        [slowShipment.id],
      );
      const ids = async (first: string) =>
        (await allPages(first, poller)).flatMap((page) => page.body.map((e) => e.eventID));
      // A batch that starts now and commits after the events posted next (a slow writer, as in production).
      const slow = new Client({ connectionString: stack.database.url });
      await slow.connect();
      try {
        // Should this test hang, the server ends the transaction rather than hiding every later row.
        await slow.query(`SET idle_in_transaction_session_timeout = '20s'`);
        await slow.query('BEGIN');
        const late = randomUUID();
        await slow.query(
          `INSERT INTO shipments.shipment_events
             (id, shipment_id, tenant_id, carrier_event_id, request_hash, leg_sequence, kind, classifier,
              occurred_at, accepted_at, location, details)
           SELECT $1, shipment_id, tenant_id, $2, request_hash, leg_sequence, 'border_arrival', classifier,
                  occurred_at, now(), location, details
             FROM shipments.shipment_events WHERE id = $3`,
          [late, `late-${late}`, departure.id],
        );
        await postEach([
          carrierEvent(quickShipment.id, 1, 'departure', 2),
          carrierEvent(quickShipment.id, 1, 'arrival', 3),
        ]);
        const meanwhile = await allPages('/v2/events?limit=1', poller);
        const served = meanwhile.flatMap((page) => page.body.map((e) => e.eventID));
        // Both bookings and the first departure; not the open transaction's row, nor the rows committed after it
        // started, which would take a poller's cursor past it.
        expect(served).toHaveLength(3);
        expect(served).not.toContain(late);
        const cursors = meanwhile.map((page) => page.headers.get('next-page')).filter((link) => link !== null);
        expect(cursors).toHaveLength(2);

        await slow.query('COMMIT');
        // Every cursor handed out meanwhile still leads to the late row.
        for (const cursor of cursors) expect(await ids(cursor)).toContain(late);
        const everything = await ids('/v2/events');
        expect(everything).toHaveLength(6);
        expect(everything.slice(0, 4)).toEqual([...served, late]);
      } finally {
        await slow.query('ROLLBACK').catch(() => undefined);
        await slow.end();
      }
    });

    it('shows a shipper only their own shipments’ events; an operator all', async () => {
      const theirs = await book(otherShipper);
      expect(await events(`carrierBookingReference=${shipment.trackingNumber}`, otherShipper)).toEqual([]);
      const seen = await events('limit=500', otherShipper);
      expect(seen.length).toBeGreaterThan(0);
      expect(new Set(seen.map((e) => e.documentID ?? e.documentReferences?.[0].documentReferenceValue))).toEqual(
        new Set([theirs.trackingNumber]),
      );
      const mine = (await events('limit=500')).map((e) => e.eventID);
      expect(mine).toEqual(expect.arrayContaining(all.map((e) => e.eventID)));
      expect(mine).not.toContain(seen[0].eventID);
      const everyone = await events(`carrierBookingReference=${theirs.trackingNumber}`, operator);
      expect(everyone.map((e) => e.eventID)).toEqual(seen.map((e) => e.eventID));
    });

    it('refuses carriers (403) and unreadable filters (400, each field with its reason)', async () => {
      expect((await feed('/v2/events', nlc)).status).toBe(403);
      const query = [
        'eventType=PARCEL',
        'eventCreatedDateTime:after=2026-11-20T00:00:00Z',
        'limit=0',
        'cursor=xyz',
        'vesselIMONumber=9321483',
      ];
      const bad = await feed(`/v2/events?${query.join('&')}`, shipper);
      expect(bad.status).toBe(400);
      expect(bad.headers.get('content-type')).toContain('application/problem+json');
      expect(bad.headers.get('api-version')).toBe('2.2.0');
      expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual([
        'eventType',
        'eventCreatedDateTime:after',
        'limit',
        'cursor',
        'vesselIMONumber',
      ]);
      expect(bad.body.errors[0].reason).toBe('"PARCEL": must be among SHIPMENT, TRANSPORT, EQUIPMENT');
      const version = await feed('/v2/events', shipper, { 'API-Version': '3' });
      expect({ status: version.status, fields: version.body.errors?.map((e: { field: string }) => e.field) }).toEqual({
        status: 400,
        fields: ['API-Version'],
      });
    });
  });

  it('answers customs’ decisions heard over Kafka as SHIPMENT events about the customs inspection', async () => {
    const shipment = await book();
    const decide = async (type: 'customs.held' | 'customs.cleared') => {
      const event = customsEvent(type, shipper.tenantId, shipment.id);
      await producer.send({
        topic: topicName('customs', stack.topicPrefix),
        acks: -1,
        messages: [toKafkaMessage(event)],
      });
      await eventually(
        async () =>
          expect(
            await query(
              stack,
              `SELECT 1 FROM shipments.shipment_events WHERE tenant_id = 'customs' AND carrier_event_id = $1`,
              [event.id],
            ),
          ).toHaveLength(1),
        { timeoutMs: 20_000, intervalMs: 50 },
      );
    };
    await decide('customs.held');
    await decide('customs.cleared');
    const ref = `carrierBookingReference=${shipment.trackingNumber}`;
    const customs = await events(`${ref}&documentTypeCode=CUS`);
    expect(customs.map((e) => [e.shipmentEventTypeCode, e.documentID])).toEqual([
      ['HOLD', shipment.trackingNumber],
      ['RELS', shipment.trackingNumber],
    ]);
    expect((await events(`${ref}&shipmentEventTypeCode=RELS`)).map((e) => e.eventID)).toEqual([customs[1].eventID]);
    // Resuming after the hold finds the release only, to the microsecond Postgres stamped them with.
    const after = encodeURIComponent(customs[0].eventCreatedDateTime);
    expect(
      (await events(`${ref}&documentTypeCode=CUS&eventCreatedDateTime:gt=${after}`)).map((e) => e.eventID),
    ).toEqual([customs[1].eventID]);
    expect((await events(`${ref}&eventCreatedDateTime=${after}`)).map((e) => e.eventID)).toEqual([customs[0].eventID]);
    expect((await events(`${ref}&eventType=SHIPMENT`)).map((e) => e.shipmentEventTypeCode)).toEqual([
      'CONF',
      'HOLD',
      'RELS',
    ]);
  });

  describe('DCSA events posted to /v1/carrier-events', () => {
    it('accepts a genuine DCSA TransportEvent once, and answers it again as a duplicate', async () => {
      const shipment = await book();
      const event = dcsaTransportEvent(shipment.trackingNumber);
      expect(dcsaViolations('transportEvent', event)).toEqual([]);
      const first = await postJson(`${shipments.baseUrl}/v1/carrier-events`, event, nlc);
      expect({ status: first.status, body: first.body }).toMatchObject({
        status: 201,
        body: { eventId: event.eventID, outcome: 'accepted', shipmentId: shipment.id },
      });
      expect(first.body.published).toContain('shipment.leg.departed');
      const again = await postJson(`${shipments.baseUrl}/v1/carrier-events`, event, nlc);
      expect({ status: again.status, outcome: again.body.outcome }).toEqual({ status: 200, outcome: 'duplicate' });
      const reused = await postJson(
        `${shipments.baseUrl}/v1/carrier-events`,
        { ...event, eventDateTime: '2026-11-20T09:00:00+05:00' },
        nlc,
      );
      expect(reused.status).toBe(422);

      const { body } = await getJson(`${shipments.baseUrl}/v1/shipments/${shipment.id}`, shipper);
      expect(body.legs[0]).toMatchObject({ status: 'DEPARTED', actualDeparture: '2026-11-20T08:00:00+05:00' });
      const out = await events(`carrierBookingReference=${shipment.trackingNumber}&eventType=TRANSPORT`);
      expect(out).toEqual([
        expect.objectContaining({
          eventID: expect.any(String),
          eventClassifierCode: 'ACT',
          transportEventTypeCode: 'DEPA',
          eventDateTime: '2026-11-20T03:00:00.000Z',
          transportCall: expect.objectContaining({ UNLocationCode: 'PKKHI', modeOfTransport: 'TRUCK' }),
        }),
      ]);
    });

    it('finds the leg from the transport call, keeps estimates as ETAs, and refuses planned events', async () => {
      const shipment = await book();
      await postEach([carrierEvent(shipment.id, 1, 'departure', 1)]);
      const estimate = dcsaTransportEvent(shipment.trackingNumber, {
        eventClassifierCode: 'EST',
        transportEventTypeCode: 'ARRI',
        eventDateTime: '2026-11-21T06:00:00Z',
        transportCall: { transportCallID: 'NLC-TOR', modeOfTransport: 'TRUCK', UNLocationCode: 'PKTOR' },
      });
      expect(dcsaViolations('transportEvent', estimate)).toEqual([]);
      const accepted = await postJson(`${shipments.baseUrl}/v1/carrier-events`, estimate, nlc);
      expect({ status: accepted.status, body: accepted.body }).toMatchObject({ status: 201 });
      const { body } = await getJson(`${shipments.baseUrl}/v1/shipments/${shipment.id}`, shipper);
      expect(body.legs[0]).toMatchObject({ status: 'DEPARTED', eta: '2026-11-21T06:00:00Z' });
      const out = await events(`carrierBookingReference=${shipment.trackingNumber}&transportEventTypeCode=ARRI`);
      expect(out).toEqual([
        expect.objectContaining({ eventClassifierCode: 'EST', eventDateTime: '2026-11-21T06:00:00.000Z' }),
      ]);

      const planned = await postJson(
        `${shipments.baseUrl}/v1/carrier-events`,
        { ...estimate, eventID: randomUUID(), eventClassifierCode: 'PLN' },
        nlc,
      );
      expect(planned.status).toBe(422);
      expect(planned.body.errors.map((e: { field: string }) => e.field)).toEqual(['eventClassifierCode']);
      const nowhere = await postJson(
        `${shipments.baseUrl}/v1/carrier-events`,
        dcsaTransportEvent(shipment.trackingNumber, {
          transportCall: { transportCallID: 'X', modeOfTransport: 'RAIL', UNLocationCode: 'PKKHI' },
        }),
        nlc,
      );
      expect({ status: nowhere.status, errors: nowhere.body.errors }).toEqual({
        status: 422,
        errors: [{ field: 'transportCall', reason: 'no RAIL leg of yours on this shipment starts or ends at PKKHI' }],
      });
    });

    it('finds a border arrival on the posting carrier’s leg that starts at the crossing', async () => {
      // Leg 1 Karachi → Torkham is NLC's; leg 2 Torkham → Kabul, across the border at Torkham, is TCS's.
      const shipment = await book();
      await postEach([carrierEvent(shipment.id, 1, 'departure', 1)]);
      const atTorkham = (overrides: Record<string, unknown>) =>
        dcsaTransportEvent(shipment.trackingNumber, {
          transportEventTypeCode: 'ARRI',
          eventDateTime: '2026-11-20T20:00:00Z',
          transportCall: {
            transportCallID: 'TOR',
            modeOfTransport: 'TRUCK',
            UNLocationCode: 'PKTOR',
            facilityTypeCode: 'BOCR',
          },
          ...overrides,
        });
      const theirs = atTorkham({});
      const answer = await postJson(`${shipments.baseUrl}/v1/carrier-events`, theirs, tcs);
      expect({ status: answer.status, body: answer.body }).toMatchObject({
        status: 201,
        body: { outcome: 'accepted', published: ['shipment.border.reached'] },
      });
      const mine = atTorkham({ eventID: randomUUID(), eventDateTime: '2026-11-20T19:00:00Z' });
      expect((await postJson(`${shipments.baseUrl}/v1/carrier-events`, mine, nlc)).status).toBe(201);
      const legs = await query<{ carrier_event_id: string; leg_sequence: number }>(
        stack,
        `SELECT carrier_event_id, leg_sequence FROM shipments.shipment_events
          WHERE shipment_id = $1 AND kind = 'border_arrival'`,
        [shipment.id],
      );
      expect(Object.fromEntries(legs.map((l) => [l.carrier_event_id, l.leg_sequence]))).toEqual({
        [theirs.eventID]: 2,
        [mine.eventID]: 1,
      });
      // TCS has no leg that ends at Karachi: the call is not on any of its legs.
      const elsewhere = await postJson(
        `${shipments.baseUrl}/v1/carrier-events`,
        dcsaTransportEvent(shipment.trackingNumber),
        tcs,
      );
      expect(elsewhere.body.errors).toEqual([
        { field: 'transportCall', reason: 'no ROAD leg of yours on this shipment starts or ends at PKKHI' },
      ]);
    });

    it('takes DCSA equipment events in a batch, with their equipment reference, next to native ones', async () => {
      const shipment = await book();
      const gateIn = {
        eventID: randomUUID(),
        eventType: 'EQUIPMENT',
        eventClassifierCode: 'ACT',
        eventDateTime: '2026-11-20T00:30:00Z',
        eventCreatedDateTime: '2026-11-20T00:31:00Z',
        equipmentEventTypeCode: 'GTIN',
        equipmentReference: 'APZU4812090',
        emptyIndicatorCode: 'LADEN',
        transportCall: { transportCallID: 'NLC-KHI', modeOfTransport: 'TRUCK', UNLocationCode: 'PKKHI' },
        documentReferences: [{ documentReferenceType: 'TRD', documentReferenceValue: shipment.id }],
      };
      expect(dcsaViolations('equipmentEvent', gateIn)).toEqual([]);
      const answer = await postJson(
        `${shipments.baseUrl}/v1/carrier-events/batch`,
        { events: [gateIn, carrierEvent(shipment.id, 1, 'departure', 1)] },
        nlc,
      );
      expect(answer.body).toMatchObject({ accepted: 2, invalid: 0 });
      const out = await events('equipmentReference=APZU4812090');
      expect(out.map((e) => [e.equipmentEventTypeCode, e.equipmentReference])).toEqual([['GTIN', 'APZU4812090']]);
    });
  });
});
