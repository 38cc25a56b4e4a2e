import { randomUUID } from 'node:crypto';
import type { EventEnvelope } from '@lib/messaging';
import { eventually, type RunningService, type TestCaller } from '@lib/testing';
import { getJson, postJson } from '../../../test/support/bookings';
import { bookedEvent } from '../../../test/support/events';
import { startCustomsHarness, type CustomsHarness } from './customs-harness';

type Declaration = {
  id: string;
  status: string;
  requiredDocuments: string[];
  missingDocuments: string[];
  arrivedAt: string | null;
  clearanceDueAt: string | null;
};

const hour = 3600_000;
const iso = (ms: number) => new Date(ms).toISOString();

/**
 * The operator's per-crossing summary: declarations in every bucket at Torkham and Chaman, built
 * through bookings and border arrivals on Kafka and the HTTP actions, then counted. Wall-clock time
 * (scale 1) with arrivals in the past: mangoes have a 12 h clearance SLA, so an arrival 13 h ago
 * is breached and one 3 h ago is not. No green channel, so complete cargo waits for an officer.
 */
describe('customs: what waits at each crossing', () => {
  let harness: CustomsHarness;
  let customs: RunningService;
  let shipper: TestCaller;
  let broker: TestCaller;
  let torkhamOfficer: TestCaller;
  let chamanOfficer: TestCaller;
  let operator: TestCaller;

  beforeAll(async () => {
    harness = await startCustomsHarness('customssummary', 'Sindh Mango', {
      GREEN_CHANNEL: 'false',
      CLEARANCE_SLA_HOURS: 'perishable=12,default=48',
    });
    ({ customs, shipper, broker, torkhamOfficer, chamanOfficer, operator } = harness);
  });

  afterAll(async () => {
    await harness?.stop();
  });

  const url = (path: string) => `${customs.baseUrl}/v1/declarations${path}`;
  const publish = (events: EventEnvelope<any>[]) => harness.publish(...events);
  const get = async (id: string) => (await getJson(url(`/${id}`), operator)).body as Declaration;
  const summary = (caller: TestCaller) => getJson(url('/summary'), caller);

  /**
   * A mango booking (perishable: 12 h SLA; needs a phytosanitary certificate) with one leg from Karachi to
   * `crossing`.
   */
  const open = async (crossing: string) => {
    const booked = bookedEvent({
      shipperId: shipper.tenantId,
      cargo: {
        commodity: 'mango',
        hsCode: '0804.50',
        packages: 400,
        weightKg: 6000,
        perishable: { minCelsius: 10, maxCelsius: 13, shelfLifeDays: 21 },
      },
      legs: [
        {
          sequence: 1,
          mode: 'ROAD',
          carrier: 'NLC',
          from: { locode: 'PKKHI', name: 'Karachi' },
          to: { locode: 'AFKBL', name: 'Kabul' },
          crossing,
        },
      ],
    });
    await publish([booked]);
    const declaration = await eventually(async () => {
      const { body } = await getJson(url(`?shipmentId=${booked.subject}`), broker);
      expect(body.items).toHaveLength(1);
      return body.items[0] as Declaration;
    });
    return { shipmentId: booked.subject, ...declaration };
  };
  const attach = async (id: string, type: string, validUntil?: string) =>
    expect(
      (
        await postJson(
          url(`/${id}/documents`),
          {
            type,
            reference: `${type}-${randomUUID().slice(0, 8)}`,
            issuer: 'issuer',
            ...(validUntil ? { validUntil } : {}),
          },
          broker,
        )
      ).status,
    ).toBe(200);
  const attachAll = async (d: Declaration, except: string[] = []) => {
    for (const type of d.requiredDocuments.filter((t) => !except.includes(t))) await attach(d.id, type);
  };
  /**
   * The carrier reports the cargo at the crossing `hoursAgo` hours ago; resolves with the declaration once customs
   * took it in.
   */
  const arrive = async (d: Declaration & { shipmentId: string }, hoursAgo: number) => {
    const arrivedAt = iso(Date.now() - hoursAgo * hour);
    await publish([
      {
        id: randomUUID(),
        type: 'shipment.border.reached',
        source: '/shipments',
        subject: d.shipmentId,
        time: arrivedAt,
        data: {
          shipmentId: d.shipmentId,
          shipperId: shipper.tenantId,
          legSequence: 1,
          carrier: 'NLC',
          crossing: 'Torkham',
          location: { name: 'border' },
          occurredAt: arrivedAt,
          acceptedAt: arrivedAt,
        },
      },
    ]);
    return eventually(async () => {
      const now = await get(d.id);
      expect(now.arrivedAt).toBe(arrivedAt);
      return now;
    });
  };
  const act = async (id: string, action: string, caller: TestCaller, body: object = {}) =>
    expect((await postJson(url(`/${id}/${action}`), body, caller)).status).toBe(200);

  let torkhamOldest: string;
  let chamanOldest: string;
  let heldForDocuments: Declaration;

  beforeAll(async () => {
    // The first at each crossing (skipped below) stays PENDING without documents: expected.
    const [, t2, t3, t4, t5, t6, t7, t8, , c2, c3, c4, k1] = await Promise.all([
      ...Array.from({ length: 8 }, () => open('Torkham')),
      ...Array.from({ length: 4 }, () => open('Chaman')),
      open('Port of Karachi'),
    ]);

    // Torkham. Expected: the first, and t2 complete (DOCUMENTS_COMPLETE).
    await attachAll(t2);
    expect((await get(t2.id)).status).toBe('DOCUMENTS_COMPLETE');
    // Ready for a decision: arrived complete 3 h ago (within the SLA).
    await attachAll(t3);
    expect((await arrive(t3, 3)).status).toBe('ARRIVED');
    // Awaiting documents: arrived 13 h ago without the certificate, so held at once (SLA breached).
    await attachAll(t4, ['phytosanitary_certificate']);
    heldForDocuments = await arrive(t4, 13);
    expect(heldForDocuments).toMatchObject({ status: 'HELD', missingDocuments: ['phytosanitary_certificate'] });
    // Held by the officer, documents complete: the oldest arrival, 20 h ago (SLA breached).
    await attachAll(t5);
    torkhamOldest = (await arrive(t5, 20)).arrivedAt!;
    await act(t5.id, 'hold', torkhamOfficer, { reason: 'seal number does not match the TIR carnet' });
    // In inspection, 2 h after arrival.
    await attachAll(t6);
    await arrive(t6, 2);
    await act(t6.id, 'inspection', torkhamOfficer);
    // Decided, so not counted: cleared 30 h after arriving, and rejected.
    await attachAll(t7);
    await arrive(t7, 30);
    await act(t7.id, 'clear', torkhamOfficer);
    await arrive(t8, 40);
    await act(t8.id, 'reject', operator, { reason: 'phytosanitary certificate forged' });

    // Chaman. Expected: the first.
    // Awaiting documents though ARRIVED: complete on arrival 15 h ago (SLA breached), then the
    // certificate replaced by one that had expired before the arrival.
    await attachAll(c2);
    const c2Arrived = await arrive(c2, 15);
    chamanOldest = c2Arrived.arrivedAt!;
    await attach(c2.id, 'phytosanitary_certificate', iso(Date.parse(chamanOldest) - hour));
    expect(await get(c2.id)).toMatchObject({ status: 'ARRIVED', missingDocuments: ['phytosanitary_certificate'] });
    // Ready: arrived complete an hour ago.
    await attachAll(c3);
    await arrive(c3, 1);
    // In inspection though documents are missing: held on arrival 4 h ago, then inspected.
    expect((await arrive(c4, 4)).status).toBe('HELD');
    await act(c4.id, 'inspection', chamanOfficer);

    // Port of Karachi: its only declaration rejected, so the crossing does not appear.
    await arrive(k1, 1);
    await act(k1.id, 'reject', operator, { reason: 'wrong consignee' });
  });

  const torkham = {
    crossing: 'Torkham',
    expected: 2,
    waiting: 4,
    awaitingDocuments: 1,
    inspection: 1,
    held: 1,
    readyForDecision: 1,
    slaBreached: 2,
  };
  const chaman = {
    crossing: 'Chaman',
    expected: 1,
    waiting: 3,
    awaitingDocuments: 1,
    inspection: 1,
    held: 0,
    readyForDecision: 1,
    slaBreached: 1,
  };

  it('counts per crossing what is expected and what waits — by bucket, past the SLA, and since when', async () => {
    const before = Date.now();
    const { status, body } = await summary(operator);
    const after = Date.now();
    expect(status).toBe(200);
    expect(Date.parse(body.at)).toBeGreaterThanOrEqual(before);
    expect(Date.parse(body.at)).toBeLessThanOrEqual(after);
    expect(body.crossings).toEqual([
      { ...chaman, oldestWaitingSince: chamanOldest },
      { ...torkham, oldestWaitingSince: torkhamOldest },
    ]);
  });

  it('an officer sees only its own crossing', async () => {
    const { status, body } = await summary(torkhamOfficer);
    expect(status).toBe(200);
    expect(body.crossings).toEqual([{ ...torkham, oldestWaitingSince: torkhamOldest }]);
  });

  it('moves held cargo out of awaiting documents once they are attached', async () => {
    await attach(heldForDocuments.id, 'phytosanitary_certificate');
    expect(await get(heldForDocuments.id)).toMatchObject({ status: 'HELD', missingDocuments: [] });
    const { body } = await summary(torkhamOfficer);
    expect(body.crossings).toEqual([{ ...torkham, awaitingDocuments: 0, held: 2, oldestWaitingSince: torkhamOldest }]);
  });

  it('is not for shippers or brokers (403)', async () => {
    for (const caller of [shipper, broker]) {
      const { status, body } = await summary(caller);
      expect({ status, problemStatus: body.status }).toEqual({ status: 403, problemStatus: 403 });
    }
  });
});
