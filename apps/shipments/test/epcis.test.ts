import { Partitioners, type Producer } from 'kafkajs';
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
import { postJson } from '../../../test/support/bookings';
import { carrierEvent, kinnowTransAfghan } from '../../../test/support/corridor-bookings';
import { query } from '../../../test/support/database';
import { customsEvent, toKafkaMessage } from '../../../test/support/events';
import { epcisSchemaErrors } from '../../../test/standards/epcis/epcis-schema';
import { shipmentsModule } from './shipments-module';

type EpcisEvent = {
  eventID: string;
  eventTime: string;
  eventTimeZoneOffset: string;
  action: string;
  bizStep: string;
  disposition?: string;
  epcList: string[];
  readPoint?: { id: string };
  bizLocation?: { id: string };
  sensorElementList?: { sensorReport: { type: string; value: number; uom: string; exception?: string }[] }[];
};
type EpcisDocument = { '@context': unknown; type: string; epcisBody: { eventList: EpcisEvent[] } };

const unlocode = (code: string) => `https://vocabulary.uncefact.org/unlocode#${code}`;
const hoursAfter = (hours: number) => new Date(Date.parse('2026-11-20T00:00:00Z') + hours * 3600_000).toISOString();

/**
 * Issue 17, part 3: GET /v1/shipments/:id/epcis exports a shipment's history as a GS1 EPCIS 2.0 JSON-LD
 * document that GS1's own schema accepts: the booking, the carriers' movements, reefer readings as sensor
 * reports, customs decisions heard over Kafka; stable event ids; paged by `Link: rel="next"`; 404 to
 * anyone who may not see the shipment.
 */
describe('shipments: EPCIS 2.0 export', () => {
  let stack: TestStack;
  let shipments: RunningService;
  let shipper: TestCaller;
  let otherShipper: TestCaller;
  let operator: TestCaller;
  let nlc: TestCaller;
  let tcs: TestCaller;
  let producer: Producer;

  beforeAll(async () => {
    stack = await createTestStack('epcis');
    // The customs gate stays on: the second leg leaves Torkham only after the clearance heard over Kafka.
    shipments = await startTestService('shipments', shipmentsModule, { CUSTOMS_GATE: 'true' }, stack);
    shipper = await createCaller(stack, { name: 'Bhalwal Kinnow', role: 'shipper' });
    otherShipper = await createCaller(stack, { name: 'Sindh Mango', role: 'shipper' });
    operator = await createCaller(stack, { name: 'Corridor desk', role: 'operator' });
    nlc = await createCaller(stack, { name: 'National Logistics Cell', role: 'carrier', carrierCode: 'NLC' });
    tcs = await createCaller(stack, { name: 'TCS Logistics', role: 'carrier', carrierCode: 'TCS' });
    producer = testKafka('epcis').producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
  });

  afterAll(async () => {
    await producer?.disconnect();
    await shipments?.stop();
    await stack?.dispose();
  });

  const exportOf = async (id: string, caller: TestCaller, params = '') => {
    const response = await fetch(`${shipments.baseUrl}/v1/shipments/${id}/epcis${params}`, {
      headers: { authorization: caller.authorization },
    });
    return {
      status: response.status,
      contentType: response.headers.get('content-type'),
      link: response.headers.get('link'),
      body: (await response.json()) as EpcisDocument & { status?: number },
    };
  };
  const post = async (caller: TestCaller, event: Record<string, unknown>) => {
    const answer = await postJson(`${shipments.baseUrl}/v1/carrier-events`, event, caller);
    expect({ kind: event.kind, status: answer.status, body: answer.status === 201 ? undefined : answer.body }).toEqual({
      kind: event.kind,
      status: 201,
      body: undefined,
    });
  };
  /** A customs decision at Torkham for leg 2, published as the customs relay would, and seen in the timeline. */
  const decide = async (
    type: 'customs.held' | 'customs.cleared',
    shipmentId: string,
    at: number,
    extra: Record<string, unknown> = {},
  ) => {
    const event = { ...customsEvent(type, shipper.tenantId, shipmentId, extra), time: hoursAfter(at) };
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

  /** Karachi → Torkham with readings, customs at Torkham, on to Kabul: the export's whole vocabulary but delivery. */
  const travelled = async () => {
    const booked = await postJson(`${shipments.baseUrl}/v1/shipments`, kinnowTransAfghan(), shipper);
    expect(booked.status).toBe(201);
    const id = booked.body.id as string;
    const range = booked.body.cargo.perishable as { minHumidityPercent?: number; maxHumidityPercent?: number };
    await post(nlc, carrierEvent(id, 1, 'departure', 1));
    await post(nlc, carrierEvent(id, 1, 'temperature', 2, { celsius: 6.5, humidityPercent: 90 }));
    await post(nlc, carrierEvent(id, 1, 'temperature', 3, { celsius: 9.5 }));
    await post(nlc, carrierEvent(id, 1, 'exception', 4, { reason: 'tyre changed near Kohat' }));
    await post(nlc, carrierEvent(id, 1, 'arrival', 10));
    await post(tcs, carrierEvent(id, 2, 'border_arrival', 11, { location: { locode: 'PKTOR', name: 'Torkham' } }));
    await decide('customs.held', id, 11.5, { reason: 'phytosanitary certificate missing' });
    await decide('customs.cleared', id, 20);
    await post(tcs, carrierEvent(id, 2, 'departure', 21));
    return { id, range };
  };

  it('exports the history as EPCIS 2.0 that GS1’s schema accepts, with CBV steps, places and readings', async () => {
    const { id, range } = await travelled();
    const answer = await exportOf(id, shipper);
    expect({ status: answer.status, contentType: answer.contentType }).toEqual({
      status: 200,
      contentType: expect.stringMatching(/^application\/ld\+json/),
    });
    expect(epcisSchemaErrors(answer.body)).toEqual([]);
    expect(answer.body['@context']).toEqual(['https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld']);
    expect(answer.link).toBeNull();

    const events = answer.body.epcisBody.eventList;
    expect(events.map((e) => [e.bizStep, e.disposition, e.readPoint?.id, e.bizLocation?.id])).toEqual([
      ['commissioning', 'active', undefined, undefined],
      ['departing', 'in_transit', unlocode('PKKHI'), undefined],
      ['sensor_reporting', undefined, undefined, undefined],
      ['sensor_reporting', undefined, undefined, undefined],
      // The exception (free text) has no CBV step and is not exported.
      ['arriving', 'in_transit', unlocode('PKTOR'), unlocode('PKTOR')],
      ['arriving', 'in_transit', unlocode('PKTOR'), unlocode('PKTOR')],
      ['holding', 'unavailable', unlocode('PKTOR'), unlocode('PKTOR')],
      ['inspecting', 'conformant', unlocode('PKTOR'), unlocode('PKTOR')],
      ['departing', 'in_transit', unlocode('PKTOR'), undefined],
    ]);
    expect(events.every((e) => e.epcList.length === 1 && e.epcList[0] === `urn:uuid:${id}`)).toBe(true);
    expect(events.map((e) => e.action)).toEqual(['ADD', ...Array<string>(8).fill('OBSERVE')]);
    // Pakistan is UTC+5: the departure at 01:00Z reads 06:00 local.
    expect(events[1]).toMatchObject({ eventTime: '2026-11-20T06:00:00.000+05:00', eventTimeZoneOffset: '+05:00' });
    expect(events.slice(1).map((e) => Date.parse(e.eventTime))).toEqual(
      [1, 2, 3, 10, 11, 11.5, 20, 21].map((h) => Date.parse(hoursAfter(h))),
    );

    const humidityOutside =
      (range.minHumidityPercent !== undefined && 90 < range.minHumidityPercent) ||
      (range.maxHumidityPercent !== undefined && 90 > range.maxHumidityPercent);
    expect(events[2].sensorElementList).toEqual([
      {
        sensorReport: [
          { type: 'Temperature', value: 6.5, uom: 'CEL' },
          {
            type: 'RelativeHumidity',
            value: 90,
            uom: 'P1',
            ...(humidityOutside ? { exception: 'ALARM_CONDITION' } : {}),
          },
        ],
      },
    ]);
    // Kinnow is carried at 4–8 °C: 9.5 °C is an alarm.
    expect(events[3].sensorElementList).toEqual([
      { sensorReport: [{ type: 'Temperature', value: 9.5, uom: 'CEL', exception: 'ALARM_CONDITION' }] },
    ]);

    // Exported again (by an operator, who sees every shipment): the same events under the same ids.
    const again = await exportOf(id, operator);
    expect(again.status).toBe(200);
    expect(again.body.epcisBody.eventList).toEqual(events);
  });

  it('pages a long history with Link: rel="next", the booking on the first page only', async () => {
    const { id } = await travelled();
    const whole = (await exportOf(id, shipper)).body.epcisBody.eventList;
    const pages: EpcisEvent[][] = [];
    let next: string | null = '?limit=3';
    while (next) {
      const page = await exportOf(id, shipper, next);
      expect(page.status).toBe(200);
      expect(epcisSchemaErrors(page.body)).toEqual([]);
      pages.push(page.body.epcisBody.eventList);
      const link: string | null = page.link;
      next = link ? /^<\/v1\/shipments\/[^/]+\/epcis(\?[^>]+)>; rel="next"$/.exec(link)![1] : null;
      if (pages.length > 10) throw new Error('the cursor does not advance');
    }
    // Eight history events, three a page; the booking rides on top of the first.
    expect(pages.map((p) => p.length)).toEqual([4, 3, 2]);
    expect(pages.flat()).toEqual(whole);
  });

  it('answers 404 to a shipper whose shipment it is not, as GET /v1/shipments/:id does', async () => {
    const booked = await postJson(`${shipments.baseUrl}/v1/shipments`, kinnowTransAfghan(), shipper);
    const id = booked.body.id as string;
    for (const path of [id, 'not-a-uuid', '3f9b1d2e-8c4a-4e6b-9a0d-5c7e2f1b8a33']) {
      const answer = await exportOf(path, otherShipper);
      expect({ path, status: answer.status, contentType: answer.contentType }).toEqual({
        path,
        status: 404,
        contentType: expect.stringMatching(/^application\/problem\+json/),
      });
    }
    expect((await exportOf(id, shipper)).status).toBe(200);
    expect((await exportOf(id, shipper, '?cursor=not-ours')).status).toBe(422);
  });

  it('is documented in OpenAPI as application/ld+json beside the shipment routes', async () => {
    const docs = (await (await fetch(`${shipments.baseUrl}/docs-json`)).json()) as {
      paths: Record<string, { get?: { tags?: string[]; responses: Record<string, { content?: object }> } }>;
    };
    const operation = docs.paths['/v1/shipments/{id}/epcis']?.get;
    expect(operation?.tags).toEqual(['shipments']);
    expect(Object.keys(operation?.responses['200']?.content ?? {})).toEqual(['application/ld+json']);
    expect(Object.keys(operation?.responses ?? {})).toEqual(expect.arrayContaining(['200', '401', '404', '422']));
  });
});
