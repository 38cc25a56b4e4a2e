import { randomUUID } from 'node:crypto';
import type { Cargo, LegSummary } from '@lib/contracts';
import { legsFor } from '@lib/reference-data';
import { createCaller, eventually, type TestCaller } from '@lib/testing';
import { getJson, postJson } from '../../../test/support/bookings';
import { bookedEvent } from '../../../test/support/events';
import { query } from '../../../test/support/system';
import { startCustomsHarness, type CustomsHarness } from './customs-harness';

type Declaration = {
  id: string;
  crossing: string;
  leg: number;
  status: string;
  requiredDocuments: string[];
  requirements: { document: string; procedure?: string; tir?: string }[];
  missingDocuments: string[];
  checklist: { document: string; status: string; reason?: string }[];
  documents: { type: string; reference: string }[];
};

const kinnow: Cargo = { commodity: 'kinnow', hsCode: '0805.21', packages: 1200, weightKg: 18000 };

/**
 * Issue 16, item 3: documents belong to the shipment. Jebel Ali → Karachi → Torkham → Hairatan →
 * Gishtkuprik → Almaty (kz-karachi-dubai in reverse) has five crossings; each document is filed once
 * and counts wherever a checklist asks for it.
 */
describe('shipment documents: filed once, used at every crossing that asks', () => {
  let harness: CustomsHarness;
  let broker: TestCaller;
  let shipper: TestCaller;
  let operator: TestCaller;
  let torkhamOfficer: TestCaller;
  let strangerBroker: TestCaller;
  const url = (path: string) => `${harness.customs.baseUrl}${path}`;

  beforeAll(async () => {
    harness = await startCustomsHarness('shipment-documents', 'Almaty Fruit Import');
    ({ broker, shipper, operator, torkhamOfficer } = harness);
    const stranger = await createCaller(harness.stack, { name: 'Another shipper', role: 'shipper' });
    strangerBroker = await createCaller(harness.stack, {
      name: 'Another agency',
      role: 'customs_broker',
      actsFor: [stranger.tenantId],
    });
  }, 60_000);

  afterAll(async () => harness?.stop());

  /** A kinnow booking on kz-karachi-dubai in reverse, planned from `departure` when given. */
  const book = async (departure?: Date) => {
    const legs: LegSummary[] = legsFor('kz-karachi-dubai', 'reverse', departure).map(
      ({ sequence, mode, carrier, from, to, crossing, plannedDeparture, plannedArrival }) => ({
        sequence,
        mode,
        carrier,
        from,
        to,
        ...(crossing ? { crossing } : {}),
        ...(plannedDeparture ? { plannedDeparture, plannedArrival } : {}),
      }),
    );
    const booked = bookedEvent({ shipperId: shipper.tenantId, cargo: kinnow, legs });
    await harness.publish(booked);
    const crossings = legs.filter((l) => l.crossing).length;
    const declarations = await eventually(async () => {
      const { body } = await getJson(url(`/v1/declarations?shipmentId=${booked.subject}`), broker);
      expect(body.items).toHaveLength(crossings);
      return body.items as Declaration[];
    });
    return { shipmentId: booked.subject, declarations, legs };
  };
  const declarationsOf = async (shipmentId: string) =>
    (await getJson(url(`/v1/declarations?shipmentId=${shipmentId}`), broker)).body.items as Declaration[];
  const file = (shipmentId: string, body: Record<string, unknown>, caller: TestCaller = broker) =>
    postJson(url(`/v1/shipments/${shipmentId}/documents`), body, caller);
  const paper = (type: string, extra: Record<string, unknown> = {}) => ({
    type,
    reference: `${type.toUpperCase().slice(0, 6)}-0001`,
    issuer: 'issuer',
    ...extra,
  });
  type History = { from: string | null; to: string; actor: string; reason: string | null }[];
  const fullHistory = async (id: string) =>
    (await getJson(url(`/v1/declarations/${id}`), broker)).body.history as History;
  /** The status changes only (a document filed leaves the status as it was). */
  const history = async (id: string) => (await fullHistory(id)).filter((h) => h.from !== h.to).map((h) => h.to);
  const documentEntries = async (id: string) =>
    (await fullHistory(id)).filter((h) => h.from === h.to).map((h) => ({ actor: h.actor, reason: h.reason }));
  const reach = (shipmentId: string, declaration: Declaration) =>
    harness.publish({
      id: randomUUID(),
      type: 'shipment.border.reached',
      source: '/shipments',
      subject: shipmentId,
      time: new Date().toISOString(),
      data: {
        shipmentId,
        shipperId: shipper.tenantId,
        legSequence: declaration.leg,
        carrier: 'NLC',
        location: { name: declaration.crossing },
        crossing: declaration.crossing,
        occurredAt: new Date().toISOString(),
        acceptedAt: new Date().toISOString(),
      },
    });
  const statusOf = async (id: string) => (await getJson(url(`/v1/declarations/${id}`), broker)).body.status as string;

  it('asks each document once, files it once, and completes all five declarations', async () => {
    const { shipmentId, declarations } = await book();
    expect(declarations.map((d) => d.crossing)).toEqual([
      'Jebel Ali',
      'Port of Karachi',
      'Torkham',
      'Hairatan–Termez',
      'Gishtkuprik–Zhibek Zholy',
    ]);
    const before = (await getJson(url(`/v1/shipments/${shipmentId}/documents`), broker)).body;
    const types = (before.required as { document: string }[]).map((r) => r.document);
    expect(new Set(types).size).toBe(types.length);
    expect(before.documents).toEqual([]);
    // The Goods Declaration is a transit one (neither origin nor destination is Pakistan), asked where Pakistan's
    // customs sit; TIR starts at Karachi; the origin certificate and the quarantine check entering Kazakhstan.
    const asked = (crossing: string) => declarations.find((d) => d.crossing === crossing)!.requirements;
    expect(asked('Port of Karachi')).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ document: 'pakistan_goods_declaration', procedure: 'transit' }),
        expect.objectContaining({ document: 'tir_carnet', tir: 'start' }),
        expect.objectContaining({ document: 'bill_of_lading' }),
      ]),
    );
    expect(asked('Hairatan–Termez').map((r) => r.document)).not.toContain('pakistan_goods_declaration');
    expect(asked('Gishtkuprik–Zhibek Zholy').map((r) => r.document)).toEqual(
      expect.arrayContaining(['certificate_of_origin', 'phytosanitary_certificate']),
    );
    expect(asked('Jebel Ali').map((r) => r.document)).not.toContain('tir_carnet');

    for (const type of types) expect((await file(shipmentId, paper(type))).status).toBe(200);

    const after = await declarationsOf(shipmentId);
    expect(after.map((d) => ({ crossing: d.crossing, status: d.status, missing: d.missingDocuments }))).toEqual(
      declarations.map((d) => ({ crossing: d.crossing, status: 'DOCUMENTS_COMPLETE', missing: [] })),
    );
    for (const d of after) {
      expect(await history(d.id)).toEqual(['PENDING', 'DOCUMENTS_COMPLETE']);
      const entries = await documentEntries(d.id);
      expect(entries).toHaveLength(d.requiredDocuments.length);
      expect(entries).toContainEqual({
        actor: broker.tenantId,
        reason: `document packing_list filed by ${broker.tenantId}`,
      });
    }
    const rows = await query(
      harness.stack,
      'SELECT type FROM customs.shipment_documents WHERE shipment_id = $1 ORDER BY type',
      [shipmentId],
    );
    expect(rows.map((r) => r.type)).toEqual([...types].sort());
    const listed = (await getJson(url(`/v1/shipments/${shipmentId}/documents`), broker)).body;
    expect(listed.documents.find((d: { type: string }) => d.type === 'commercial_invoice').requiredAt).toHaveLength(5);
    expect(listed.required.every((r: { attached: boolean }) => r.attached)).toBe(true);
  });

  it('files a document attached through a declaration for the shipment; a new one replaces it, kept', async () => {
    const { shipmentId, declarations } = await book();
    const torkham = declarations.find((d) => d.crossing === 'Torkham')!;
    const answer = await postJson(url(`/v1/declarations/${torkham.id}/documents`), paper('commercial_invoice'), broker);
    expect(answer.status).toBe(200);
    const everywhere = await declarationsOf(shipmentId);
    for (const d of everywhere) expect(d.documents.map((doc) => doc.reference)).toEqual(['COMMER-0001']);
    expect((await file(shipmentId, paper('commercial_invoice', { reference: 'INV-2026-0042' }), operator)).status).toBe(
      200,
    );
    for (const d of await declarationsOf(shipmentId)) {
      expect(d.documents.map((doc) => doc.reference)).toEqual(['INV-2026-0042']);
      expect(await documentEntries(d.id)).toEqual([
        { actor: broker.tenantId, reason: `document commercial_invoice filed by ${broker.tenantId}` },
        { actor: operator.tenantId, reason: `document commercial_invoice replaced by ${operator.tenantId}` },
      ]);
    }
    const rows = await query(
      harness.stack,
      `SELECT reference, replaced_at IS NOT NULL AS replaced FROM customs.shipment_documents
        WHERE shipment_id = $1 ORDER BY id`,
      [shipmentId],
    );
    expect(rows).toEqual([
      { reference: 'COMMER-0001', replaced: true },
      { reference: 'INV-2026-0042', replaced: false },
    ]);
  });

  it('checks a document’s validUntil against the cargo’s arrival at each crossing', async () => {
    const departure = new Date(Date.now() + 24 * 3600_000);
    const { shipmentId, declarations, legs } = await book(departure);
    const jebelAli = declarations.find((d) => d.crossing === 'Jebel Ali')!;
    const kazakhBorder = declarations.find((d) => d.crossing === 'Gishtkuprik–Zhibek Zholy')!;
    const expectedAt = (sequence: number) => Date.parse(legs.find((l) => l.sequence === sequence)!.plannedDeparture!);
    const validUntil = new Date((expectedAt(jebelAli.leg) + expectedAt(kazakhBorder.leg)) / 2).toISOString();
    expect((await file(shipmentId, paper('phytosanitary_certificate', { validUntil }))).status).toBe(200);
    const [atJebelAli, atKazakhBorder] = await Promise.all(
      [jebelAli.id, kazakhBorder.id].map(
        async (id) => (await getJson(url(`/v1/declarations/${id}`), broker)).body as Declaration,
      ),
    );
    const phyto = (d: Declaration) => d.checklist.find((c) => c.document === 'phytosanitary_certificate');
    expect(phyto(atJebelAli)).toMatchObject({ status: 'attached' });
    expect(phyto(atKazakhBorder)).toMatchObject({
      status: 'expired',
      reason: expect.stringContaining(`valid until ${validUntil}, before the cargo is expected at the crossing`),
    });
    expect(atKazakhBorder.missingDocuments).toContain('phytosanitary_certificate');
  });

  it('answers 404 for another tenant’s shipment, 403 to a shipper filing, and 409 where no crossing asks', async () => {
    const { shipmentId } = await book();
    await expect(getJson(url(`/v1/shipments/${shipmentId}/documents`), strangerBroker)).resolves.toMatchObject({
      status: 404,
    });
    await expect(file(shipmentId, paper('commercial_invoice'), strangerBroker)).resolves.toMatchObject({
      status: 404,
    });
    await expect(getJson(url(`/v1/shipments/${shipmentId}/documents`), shipper)).resolves.toMatchObject({
      status: 200,
    });
    await expect(file(shipmentId, paper('commercial_invoice'), shipper)).resolves.toMatchObject({ status: 403 });
    await expect(file(shipmentId, paper('air_waybill'))).resolves.toMatchObject({
      status: 409,
      body: { code: 'DOCUMENT_NOT_REQUIRED' },
    });
    // An officer files and reads only what its own crossing asks for.
    const own = (await getJson(url(`/v1/shipments/${shipmentId}/documents`), torkhamOfficer)).body;
    expect(own.declarations.map((d: { crossing: string }) => d.crossing)).toEqual(['Torkham']);
    await expect(file(shipmentId, paper('phytosanitary_certificate'), torkhamOfficer)).resolves.toMatchObject({
      status: 409,
      body: { code: 'DOCUMENT_NOT_REQUIRED' },
    });
  });

  it('applies an officer’s filing at its own crossing only; a broker’s later one applies everywhere', async () => {
    const { shipmentId, declarations } = await book();
    const roadCrossings = declarations.filter((d) => d.requiredDocuments.includes('cmr_consignment_note'));
    expect(roadCrossings.map((d) => d.crossing)).toEqual(expect.arrayContaining(['Torkham', 'Hairatan–Termez']));
    expect((await file(shipmentId, paper('cmr_consignment_note', { reference: 'CMR-BROKER' }))).status).toBe(200);
    const byOfficer = await file(shipmentId, paper('cmr_consignment_note', { reference: 'CMR-TKM' }), torkhamOfficer);
    expect(byOfficer.status).toBe(200);
    expect(byOfficer.body.crossingDocuments).toEqual([
      expect.objectContaining({ type: 'cmr_consignment_note', reference: 'CMR-TKM', crossing: 'Torkham' }),
    ]);
    const cmr = (d: Declaration) => d.documents.find((doc) => doc.type === 'cmr_consignment_note')?.reference;
    const after = await declarationsOf(shipmentId);
    for (const d of after.filter((x) => x.requiredDocuments.includes('cmr_consignment_note')))
      expect({ crossing: d.crossing, cmr: cmr(d) }).toEqual({
        crossing: d.crossing,
        cmr: d.crossing === 'Torkham' ? 'CMR-TKM' : 'CMR-BROKER',
      });
    const torkham = after.find((d) => d.crossing === 'Torkham')!;
    const hairatan = after.find((d) => d.crossing === 'Hairatan–Termez')!;
    expect(await documentEntries(torkham.id)).toContainEqual({
      actor: torkhamOfficer.tenantId,
      reason: `document cmr_consignment_note replaced by ${torkhamOfficer.tenantId}`,
    });
    expect((await documentEntries(hairatan.id)).map((e) => e.actor)).not.toContain(torkhamOfficer.tenantId);
    // The shipment-wide paper is still the broker's; the officer's is listed for its crossing.
    const listed = (await getJson(url(`/v1/shipments/${shipmentId}/documents`), broker)).body;
    expect(listed.documents.find((d: { type: string }) => d.type === 'cmr_consignment_note').reference).toBe(
      'CMR-BROKER',
    );
    expect(listed.crossingDocuments.map((d: { crossing: string }) => d.crossing)).toEqual(['Torkham']);
    // A broker filing later supersedes the officer's at Torkham too.
    expect((await file(shipmentId, paper('cmr_consignment_note', { reference: 'CMR-NEW' }))).status).toBe(200);
    for (const d of (await declarationsOf(shipmentId)).filter((x) =>
      x.requiredDocuments.includes('cmr_consignment_note'),
    ))
      expect(cmr(d)).toBe('CMR-NEW');
  });

  it('leaves the papers of a declaration under inspection alone; it picks the filing up when held', async () => {
    const { shipmentId, declarations } = await book();
    const torkham = declarations.find((d) => d.crossing === 'Torkham')!;
    await reach(shipmentId, torkham);
    await eventually(async () => expect(await statusOf(torkham.id)).toBe('HELD'));
    expect((await postJson(url(`/v1/declarations/${torkham.id}/inspection`), {}, torkhamOfficer)).status).toBe(200);
    expect((await file(shipmentId, paper('commercial_invoice'))).status).toBe(200);
    const inspected = (await getJson(url(`/v1/declarations/${torkham.id}`), broker)).body as Declaration;
    expect(inspected.status).toBe('INSPECTION');
    expect(inspected.documents).toEqual([]);
    const others = (await declarationsOf(shipmentId)).filter((d) => d.id !== torkham.id);
    for (const d of others) expect(d.documents.map((doc) => doc.type)).toEqual(['commercial_invoice']);
    const held = await postJson(url(`/v1/declarations/${torkham.id}/hold`), { reason: 'papers' }, torkhamOfficer);
    expect(held.status).toBe(200);
    const after = (await getJson(url(`/v1/declarations/${torkham.id}`), broker)).body as Declaration;
    expect(after.status).toBe('HELD');
    expect(after.documents.map((doc) => doc.type)).toEqual(['commercial_invoice']);
    expect(await documentEntries(torkham.id)).toEqual([
      { actor: broker.tenantId, reason: `document commercial_invoice filed by ${broker.tenantId}` },
    ]);
  });

  it('replays a retried filing or decision with the same Idempotency-Key: one effect, the first answer', async () => {
    const { shipmentId, declarations } = await book();
    const torkham = declarations.find((d) => d.crossing === 'Torkham')!;
    const retry = { 'idempotency-key': `file-${randomUUID()}` };
    const first = await postJson(
      url(`/v1/shipments/${shipmentId}/documents`),
      paper('commercial_invoice'),
      broker,
      retry,
    );
    const again = await postJson(
      url(`/v1/shipments/${shipmentId}/documents`),
      paper('commercial_invoice'),
      broker,
      retry,
    );
    expect([first.status, again.status, again.headers.get('idempotent-replayed')]).toEqual([200, 200, 'true']);
    expect(again.body).toEqual(first.body);
    expect(await documentEntries(torkham.id)).toHaveLength(1);

    await reach(shipmentId, torkham);
    await eventually(async () => expect(await statusOf(torkham.id)).toBe('HELD'));
    // The officer's client lost the answer (a restart, a dropped connection) and sends the decision again.
    const decision = { 'idempotency-key': `decide-${randomUUID()}` };
    const hold = (reason: string) =>
      postJson(url(`/v1/declarations/${torkham.id}/hold`), { reason }, torkhamOfficer, decision);
    const inspect = () => postJson(url(`/v1/declarations/${torkham.id}/inspection`), {}, torkhamOfficer, decision);
    const started = await inspect();
    const retried = await inspect();
    expect([started.status, retried.status, retried.headers.get('idempotent-replayed')]).toEqual([200, 200, 'true']);
    expect((await fullHistory(torkham.id)).filter((h) => h.to === 'INSPECTION')).toHaveLength(1);
    // The same key with another request is refused, not replayed.
    expect((await hold('seal')).status).toBe(422);
  });

  it('answers 409 NO_OPEN_DECLARATION_ASKS once every declaration asking is closed, and files nothing', async () => {
    const { shipmentId } = await book();
    await harness.publish({
      id: randomUUID(),
      type: 'shipment.cancelled',
      source: '/shipments',
      subject: shipmentId,
      time: new Date().toISOString(),
      data: { shipmentId, shipperId: shipper.tenantId, reason: 'shipper cancelled' },
    });
    await eventually(async () =>
      expect((await declarationsOf(shipmentId)).every((d) => d.status === 'CLOSED')).toBe(true),
    );
    await expect(file(shipmentId, paper('commercial_invoice'))).resolves.toMatchObject({
      status: 409,
      body: { code: 'NO_OPEN_DECLARATION_ASKS', detail: expect.stringContaining('commercial_invoice') },
    });
    await expect(file(shipmentId, paper('air_waybill'))).resolves.toMatchObject({
      status: 409,
      body: { code: 'DOCUMENT_NOT_REQUIRED' },
    });
    const rows = await query(harness.stack, 'SELECT 1 FROM customs.shipment_documents WHERE shipment_id = $1', [
      shipmentId,
    ]);
    expect(rows).toHaveLength(0);
  });

  it('refuses bad input with 422 naming the field, and an unknown or malformed shipment id with 404', async () => {
    const { shipmentId } = await book();
    const fields = async (body: Record<string, unknown>) => {
      const answer = await file(shipmentId, body);
      return { status: answer.status, fields: (answer.body.errors as { field: string }[]).map((e) => e.field) };
    };
    await expect(fields(paper('bribe'))).resolves.toEqual({ status: 422, fields: ['type'] });
    await expect(fields(paper('packing_list', { reference: '' }))).resolves.toEqual({
      status: 422,
      fields: ['reference'],
    });
    await expect(fields(paper('packing_list', { validUntil: 'next week' }))).resolves.toEqual({
      status: 422,
      fields: ['validUntil'],
    });
    await expect(file('not-a-uuid', paper('packing_list'))).resolves.toMatchObject({ status: 404 });
    await expect(file('6f1c4a52-4c0e-4a55-9d0a-0d7f8c1b2a11', paper('packing_list'))).resolves.toMatchObject({
      status: 404,
    });
  });
});
