import { randomUUID } from 'node:crypto';
import { Partitioners } from 'kafkajs';
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
import { getJson, postJson } from '../support/bookings';
import { bookedEvent, toKafkaMessage } from '../support/events';
import { modules, query } from '../support/system';

type Item = { id: string; crossing: string; status: string; requiredDocuments: string[] };

const cargo = (hsCode: string, commodity: string) => ({ commodity, hsCode, packages: 900, weightKg: 14000 });

/**
 * Customs over HTTP and Kafka: declarations per crossing, checklists, arrival, hold, inspection, clearance,
 * green channel.
 */
describe('customs declarations and clearance', () => {
  let stack: TestStack;
  let shipments: RunningService;
  let customs: RunningService;
  let shipper: TestCaller;
  let broker: TestCaller;
  let torkhamOfficer: TestCaller;
  let chamanOfficer: TestCaller;
  let nlc: TestCaller;
  let operator: TestCaller;

  beforeAll(async () => {
    stack = await createTestStack('customs');
    [shipments, customs] = await Promise.all([
      startTestService('shipments', modules.shipments, { CLOCK_EPOCH: '2026-06-01T00:00:00Z' }, stack),
      startTestService('customs', modules.customs, {}, stack),
    ]);
    shipper = await createCaller(stack, { name: 'Bhalwal Kinnow', role: 'shipper' });
    broker = await createCaller(stack, {
      name: 'Khyber Clearing Agency',
      role: 'customs_broker',
      actsFor: [shipper.tenantId],
    });
    torkhamOfficer = await createCaller(stack, {
      name: 'Torkham customs',
      role: 'customs_officer',
      crossing: 'Torkham',
    });
    chamanOfficer = await createCaller(stack, { name: 'Chaman customs', role: 'customs_officer', crossing: 'Chaman' });
    nlc = await createCaller(stack, { name: 'NLC', role: 'carrier', carrierCode: 'NLC' });
    operator = await createCaller(stack, { name: 'Control room', role: 'operator' });
  });

  afterAll(async () => {
    await Promise.all([shipments, customs].map((s) => s?.stop()));
    await stack?.dispose();
  });

  const book = async (c: ReturnType<typeof cargo>) =>
    (
      await postJson(
        `${shipments.baseUrl}/v1/shipments`,
        { corridor: 'trans-afghan', departureAt: '2026-05-20T00:00:00Z', cargo: c },
        shipper,
      )
    ).body.id as string;
  const declarations = async (shipmentId: string, count: number) =>
    eventually(async () => {
      const { body } = await getJson(`${customs.baseUrl}/v1/declarations?shipmentId=${shipmentId}`, broker);
      expect(body.items).toHaveLength(count);
      return body.items as Item[];
    });
  const at = (crossing: string, items: Item[]) => items.find((d) => d.crossing === crossing)!;
  /** A declaration's status changes (a document filed is in the history too, with the status unchanged). */
  const statusChanges = (history: { from: string | null; to: string }[]) =>
    history.filter((h) => h.from !== h.to).map((h) => h.to);
  const attach = (id: string, type: string, caller = broker) =>
    postJson(
      `${customs.baseUrl}/v1/declarations/${id}/documents`,
      { type, reference: `${type}-001`, issuer: 'issuer' },
      caller,
    );
  const act = (id: string, action: string, caller: TestCaller, body: unknown = {}) =>
    postJson(`${customs.baseUrl}/v1/declarations/${id}/${action}`, body, caller);
  const status = async (id: string) =>
    (await getJson(`${customs.baseUrl}/v1/declarations/${id}`, broker)).body.status as string;
  const carrierPost = (shipmentId: string, tag: string, leg: number, kind: string, hour: number) =>
    postJson(
      `${shipments.baseUrl}/v1/carrier-events`,
      {
        eventId: `${tag}-${leg}-${kind}-${hour}`,
        shipmentId,
        leg,
        kind,
        occurredAt: new Date(Date.parse('2026-05-20T00:00:00Z') + hour * 3600_000).toISOString(),
      },
      nlc,
    );
  /** The first leg leaves the Port of Karachi: its declaration must be cleared before the truck departs. */
  const reachTorkham = async (shipmentId: string, tag: string) => {
    const post = (leg: number, kind: string, hour: number) => carrierPost(shipmentId, tag, leg, kind, hour);
    const karachi = at('Port of Karachi', await declarations(shipmentId, 4));
    for (const type of karachi.requiredDocuments) expect((await attach(karachi.id, type, operator)).status).toBe(200);
    expect((await post(1, 'border_arrival', 0)).status).toBe(201);
    await eventually(async () => expect(['ARRIVED', 'CLEARED']).toContain(await status(karachi.id)));
    if ((await status(karachi.id)) === 'ARRIVED') expect((await act(karachi.id, 'clear', operator)).status).toBe(200);
    await eventually(async () => expect((await post(1, 'departure', 1)).status).toBe(201));
    expect((await post(2, 'border_arrival', 30)).status).toBe(201);
  };
  /**
   * Every actual event kind that implies the cargo left Torkham is refused — on the Torkham leg and on
   * every later one, delivery included — and nothing about the shipment moved.
   */
  const expectGateClosed = async (shipmentId: string, tag: string, code: string) => {
    // What the cargo may still report where it stands: a reading, an exception — on this leg and later ones
    // (which lets the later legs report at all, so the gate is what refuses them below).
    for (const leg of [2, 3]) {
      const exception = {
        eventId: `${tag}-gate-exception-${leg}`,
        shipmentId,
        leg,
        kind: 'exception',
        reason: 'waiting at the border',
        occurredAt: '2026-05-21T08:00:00Z',
      };
      expect((await postJson(`${shipments.baseUrl}/v1/carrier-events`, exception, nlc)).status).toBe(201);
    }
    const before = (await getJson(`${shipments.baseUrl}/v1/shipments/${shipmentId}`, shipper)).body;
    const last = before.legs.length as number;
    const attempts: [number, string][] = [
      ...['gate_out', 'load', 'departure', 'border_exit', 'gate_in', 'discharge', 'arrival'].map(
        (kind): [number, string] => [2, kind],
      ),
      ...['border_arrival', 'gate_out', 'departure', 'arrival'].map((kind): [number, string] => [3, kind]),
      [last, 'departure'],
      [last, 'delivery'],
    ];
    for (const [leg, kind] of attempts) {
      const answer = await carrierPost(shipmentId, `${tag}-gate`, leg, kind, 31);
      expect({ leg, kind, status: answer.status, code: answer.body.code }).toEqual({ leg, kind, status: 409, code });
    }
    const after = (await getJson(`${shipments.baseUrl}/v1/shipments/${shipmentId}`, shipper)).body;
    expect({ status: after.status, legs: after.legs.map((l: { status?: string }) => l.status) }).toEqual({
      status: before.status,
      legs: before.legs.map((l: { status?: string }) => l.status),
    });
  };
  const customsEvents = async (shipmentId: string) =>
    (await query(stack, 'SELECT event_type FROM customs.outbox WHERE subject = $1 ORDER BY seq', [shipmentId])).map(
      (r) => r.event_type,
    );

  it('opens one declaration per crossing with the checklist from the rules', async () => {
    const id = await book(cargo('0805.21', 'kinnow'));
    const items = await declarations(id, 4);
    expect(items.map((d) => d.crossing)).toEqual([
      'Port of Karachi',
      'Torkham',
      'Hairatan–Termez',
      'Gishtkuprik–Zhibek Zholy',
    ]);
    expect(at('Torkham', items).requiredDocuments).toEqual(
      expect.arrayContaining([
        'phytosanitary_certificate',
        'tir_carnet',
        'pakistan_goods_declaration',
        'commercial_invoice',
      ]),
    );
    expect(at('Hairatan–Termez', items).requiredDocuments).not.toContain('pakistan_goods_declaration');
    expect((await customsEvents(id)).filter((t) => t === 'customs.declaration.opened')).toHaveLength(4);
  });

  it('asks each document once per shipment: filed once, every crossing’s checklist is complete', async () => {
    const id = await book(cargo('0805.21', 'kinnow'));
    const items = await declarations(id, 4);
    const types = [...new Set(items.flatMap((d) => d.requiredDocuments))];
    for (const type of types) {
      const filed = await postJson(
        `${customs.baseUrl}/v1/shipments/${id}/documents`,
        { type, reference: `${type}-001`, issuer: 'issuer' },
        broker,
      );
      expect({ type, status: filed.status }).toEqual({ type, status: 200 });
    }
    const after = await declarations(id, 4);
    expect(after.map((d) => d.status)).toEqual([
      'DOCUMENTS_COMPLETE',
      'DOCUMENTS_COMPLETE',
      'DOCUMENTS_COMPLETE',
      'DOCUMENTS_COMPLETE',
    ]);
    // Export out of Pakistan: the Goods Declaration at Karachi and Torkham only; the carnet from Karachi on.
    expect(items.map((d) => d.requiredDocuments.includes('pakistan_goods_declaration'))).toEqual([
      true,
      true,
      false,
      false,
    ]);
    expect(items.map((d) => d.requiredDocuments.includes('tir_carnet'))).toEqual([true, true, true, true]);
    await expect(getJson(`${customs.baseUrl}/v1/shipments/${id}/documents`, chamanOfficer)).resolves.toMatchObject({
      status: 404,
    });
  });

  it('holds kinnow at Torkham without a phytosanitary certificate; inspects and clears it once complete', async () => {
    const id = await book(cargo('0805.21', 'kinnow'));
    const torkham = at('Torkham', await declarations(id, 4));
    for (const type of torkham.requiredDocuments.filter((t) => t !== 'phytosanitary_certificate'))
      expect((await attach(torkham.id, type)).status).toBe(200);
    await reachTorkham(id, 'hold');
    await eventually(async () => expect(await status(torkham.id)).toBe('HELD'));
    expect(await customsEvents(id)).toEqual(expect.arrayContaining(['customs.documents.missing', 'customs.held']));

    await expect(act(torkham.id, 'clear', torkhamOfficer)).resolves.toMatchObject({
      status: 409,
      body: { code: 'DOCUMENTS_MISSING' },
    });
    // The gate: nothing that has the cargo leave Torkham, on its leg or any later one, while customs holds it.
    await expectGateClosed(id, 'hold', 'AWAITING_CLEARANCE');
    await expect(act(torkham.id, 'clear', chamanOfficer)).resolves.toMatchObject({ status: 404 });
    await expect(act(torkham.id, 'clear', broker)).resolves.toMatchObject({ status: 403 });
    expect((await attach(torkham.id, 'phytosanitary_certificate')).status).toBe(200);
    await expect(act(torkham.id, 'inspection', torkhamOfficer)).resolves.toMatchObject({
      status: 200,
      body: { status: 'INSPECTION' },
    });
    await expect(act(torkham.id, 'clear', torkhamOfficer)).resolves.toMatchObject({
      status: 200,
      body: { status: 'CLEARED', missingDocuments: [] },
    });
    await expect(act(torkham.id, 'reject', torkhamOfficer, { reason: 'second thoughts' })).resolves.toMatchObject({
      status: 409,
      body: { code: 'DECLARATION_CLEARED' },
    });
    const cleared = await query(
      stack,
      `SELECT count(*)::int AS n FROM customs.outbox
        WHERE event_type = 'customs.cleared' AND payload->>'declarationId' = $1`,
      [torkham.id],
    );
    expect(cleared[0].n).toBe(1);
    // Released: once shipments has consumed customs.cleared, the leg departs; the timeline shows hold and release.
    await eventually(async () => expect((await carrierPost(id, 'hold', 2, 'departure', 32)).status).toBe(201));
    const timeline = (await getJson(`${shipments.baseUrl}/v1/shipments/${id}`, shipper)).body.events.map(
      (e: { kind: string }) => e.kind,
    );
    expect(timeline).toEqual(expect.arrayContaining(['customs_hold', 'customs_release', 'departure']));
    const { body } = await getJson(`${customs.baseUrl}/v1/declarations/${torkham.id}`, torkhamOfficer);
    expect(statusChanges(body.history)).toEqual(['PENDING', 'ARRIVED', 'HELD', 'INSPECTION', 'CLEARED']);
    // Each paper Torkham's copy gained is in its history, naming who filed it.
    expect(body.history).toContainEqual(
      expect.objectContaining({
        from: 'HELD',
        to: 'HELD',
        actor: broker.tenantId,
        reason: `document phytosanitary_certificate filed by ${broker.tenantId}`,
      }),
    );
  });

  it('clears complete, low-risk cargo through the green channel on arrival', async () => {
    const id = await book(cargo('1101.00', 'wheat flour'));
    const torkham = at('Torkham', await declarations(id, 4));
    for (const type of torkham.requiredDocuments) expect((await attach(torkham.id, type)).status).toBe(200);
    expect(await status(torkham.id)).toBe('DOCUMENTS_COMPLETE');
    await reachTorkham(id, 'green');
    await eventually(async () => expect(await status(torkham.id)).toBe('CLEARED'));
  });

  it('a hold arriving after the cargo has left the cleared crossing does not close it again', async () => {
    const id = await book(cargo('1101.00', 'wheat flour'));
    const torkham = at('Torkham', await declarations(id, 4));
    for (const type of torkham.requiredDocuments) expect((await attach(torkham.id, type)).status).toBe(200);
    await reachTorkham(id, 'late-hold');
    await eventually(async () => expect(await status(torkham.id)).toBe('CLEARED'));
    // The truck leaves through the border: border_exit does not move the leg's status, but it used the clearance.
    await eventually(async () => expect((await carrierPost(id, 'late-hold', 2, 'border_exit', 31)).status).toBe(201));
    const hold = {
      id: randomUUID(),
      type: 'customs.held',
      source: '/customs',
      subject: id,
      time: new Date().toISOString(),
      data: {
        declarationId: torkham.id,
        shipmentId: id,
        shipperId: shipper.tenantId,
        crossing: 'Torkham',
        legSequence: 2,
        reason: 'replayed from an old backup',
      },
    };
    const producer = testKafka('customs-late-hold').producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    try {
      await producer.send({
        topic: topicName('customs', stack.topicPrefix),
        acks: -1,
        messages: [toKafkaMessage(hold as never)],
      });
    } finally {
      await producer.disconnect();
    }
    await eventually(async () =>
      expect(
        await query(stack, `SELECT 1 FROM shipments.shipment_events WHERE carrier_event_id = $1`, [hold.id]),
      ).toHaveLength(1),
    );
    await expect(carrierPost(id, 'late-hold', 2, 'departure', 32)).resolves.toMatchObject({ status: 201 });
  });

  it('a rejection keeps the leg from departing and raises shipment.exception', async () => {
    // Kinnow: the papers filed for Karachi cover Torkham too, all but the phytosanitary certificate Torkham asks.
    const id = await book(cargo('0805.21', 'kinnow'));
    const torkham = at('Torkham', await declarations(id, 4));
    await reachTorkham(id, 'reject');
    await eventually(async () => expect(await status(torkham.id)).toBe('HELD'));
    await expect(
      act(torkham.id, 'reject', torkhamOfficer, { reason: 'goods do not match the invoice' }),
    ).resolves.toMatchObject({ status: 200, body: { status: 'REJECTED' } });
    await eventually(async () => {
      const exceptions = await query(
        stack,
        `SELECT payload FROM shipments.outbox WHERE subject = $1 AND event_type = 'shipment.exception'`,
        [id],
      );
      expect(exceptions).toHaveLength(1);
      expect(exceptions[0].payload.reason).toContain('goods do not match the invoice');
    });
    await expectGateClosed(id, 'reject', 'CUSTOMS_REJECTED');
  });

  it('closes open declarations when the shipment is cancelled', async () => {
    const id = await book(cargo('1101.00', 'wheat flour'));
    await declarations(id, 4);
    expect((await postJson(`${shipments.baseUrl}/v1/shipments/${id}/cancel`, {}, shipper)).status).toBe(200);
    await eventually(async () => {
      const items = await declarations(id, 4);
      expect(items.every((d) => d.status === 'CLOSED')).toBe(true);
    });
  });

  it('applies a redelivered booking once; ignores a border arrival repeated or after the decision', async () => {
    const booked = bookedEvent({ shipperId: shipper.tenantId });
    const producer = testKafka('customs-redelivery').producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    const send = (...events: Parameters<typeof toKafkaMessage>[0][]) =>
      producer.send({
        topic: topicName('shipments', stack.topicPrefix),
        acks: -1,
        messages: events.map((e) => toKafkaMessage(e)),
      });
    try {
      await send(booked, booked);
      const [declaration] = await declarations(booked.subject, 1);
      for (const type of declaration.requiredDocuments)
        expect((await attach(declaration.id, type, operator)).status).toBe(200);
      const reached = (id: string) => ({
        id,
        type: 'shipment.border.reached' as const,
        source: '/shipments',
        subject: booked.subject,
        time: '2026-12-02T08:00:00.000Z',
        data: {
          shipmentId: booked.subject,
          shipperId: shipper.tenantId,
          legSequence: 1,
          carrier: 'NLC',
          crossing: 'Torkham',
          location: { name: 'Torkham' },
          occurredAt: '2026-12-02T08:00:00.000Z',
          acceptedAt: '2026-12-02T08:00:01.000Z',
        },
      });
      const first = reached(crypto.randomUUID());
      // The same record twice, then the same fact again under a new id (a carrier re-posting it).
      await send(first, first, reached(crypto.randomUUID()));
      await eventually(async () => expect(await status(declaration.id)).toBe('ARRIVED'));
      expect((await act(declaration.id, 'clear', operator)).status).toBe(200);
      const late = reached(crypto.randomUUID());
      await send(late);
      await eventually(async () =>
        expect(await query(stack, 'SELECT 1 FROM customs.inbox WHERE event_id = $1', [late.id])).toHaveLength(1),
      );
      const { body } = await getJson(`${customs.baseUrl}/v1/declarations/${declaration.id}`, operator);
      expect(body.status).toBe('CLEARED');
      expect(statusChanges(body.history)).toEqual(['PENDING', 'DOCUMENTS_COMPLETE', 'ARRIVED', 'CLEARED']);
      expect((await customsEvents(booked.subject)).filter((t) => t === 'customs.declaration.opened')).toHaveLength(1);
    } finally {
      await producer.disconnect();
    }
  });

  it('refuses a document the checklist does not ask for, and bad input', async () => {
    const id = await book(cargo('1101.00', 'wheat flour'));
    const karachi = at('Port of Karachi', await declarations(id, 4));
    await expect(attach(karachi.id, 'phytosanitary_certificate')).resolves.toMatchObject({
      status: 409,
      body: { code: 'DOCUMENT_NOT_REQUIRED' },
    });
    await expect(
      postJson(`${customs.baseUrl}/v1/declarations/${karachi.id}/documents`, { type: 'bribe' }, broker),
    ).resolves.toMatchObject({ status: 422 });
    await expect(act(karachi.id, 'hold', torkhamOfficer, { reason: 'not my crossing' })).resolves.toMatchObject({
      status: 404,
    });
  });
});
