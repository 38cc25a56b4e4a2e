import { listCorridors } from '@lib/reference-data';
import {
  createCaller,
  createTestStack,
  startTestService,
  type RunningService,
  type TestCaller,
  type TestStack,
} from '@lib/testing';
import { getJson, postJson } from '../../../test/support/bookings';
import { kinnowTransAfghan } from '../../../test/support/corridor-bookings';
import { loadShipmentsConfig } from '../src/shipments.config';
import { ShipmentsModule } from '../src/shipments.module';

const EPOCH = '2026-06-01T00:00:00Z';
const cargo = { commodity: 'kinnow', hsCode: '0805.21', packages: 800, weightKg: 12000 };
type Counts = Record<string, number>;

/** A corridor entry of the board as its non-zero counts only, so one `toEqual` checks every number. */
function nonZero(entry: any): Counts {
  const counts: Counts = {};
  const add = (key: string, n: number) => {
    if (n !== 0) counts[key] = n;
  };
  for (const p of entry.places) {
    add(`${p.name} booked`, p.booked);
    add(`${p.name} waiting`, p.waiting);
  }
  for (const s of entry.segments) {
    add(`${s.from}→${s.to} forward`, s.forward);
    add(`${s.from}→${s.to} reverse`, s.reverse);
  }
  add('delivered24h', entry.delivered24h);
  add('elsewhere', entry.elsewhere);
  return counts;
}

/** The corridor board over HTTP: shipments booked on two corridors both ways and moved by their carriers. */
describe('GET /v1/corridors/board', () => {
  let stack: TestStack;
  let shipments: RunningService;
  let shipper: TestCaller;
  let operator: TestCaller;
  const carriers = new Map<string, TestCaller>();
  let eventNo = 0;

  const book = async (body: Record<string, unknown>) => {
    const response = await postJson(`${shipments.baseUrl}/v1/shipments`, { cargo, ...body }, shipper);
    expect(response.status).toBe(201);
    return response.body as { id: string; legs: { sequence: number; carrier: string }[] };
  };
  /** Posts the events in order, `hoursBefore` the clock's epoch (carriers report the past). */
  const report = async (
    shipment: { id: string; legs: { sequence: number; carrier: string }[] },
    steps: [number, string, number][],
  ) => {
    for (const [leg, kind, hoursBefore] of steps) {
      const carrier = carriers.get(shipment.legs[leg - 1].carrier)!;
      const occurredAt = new Date(Date.parse(EPOCH) - hoursBefore * 3600_000).toISOString();
      const response = await postJson(
        `${shipments.baseUrl}/v1/carrier-events`,
        { eventId: `BOARD-${process.pid}-${++eventNo}`, shipmentId: shipment.id, leg, kind, occurredAt },
        carrier,
      );
      expect({ leg, kind, status: response.status }).toEqual({ leg, kind, status: 201 });
    }
  };

  beforeAll(async () => {
    stack = await createTestStack('board');
    // No customs service here, so the customs gate is off (a border arrival is all a held shipment can report anyway).
    shipments = await startTestService(
      'shipments',
      (env) => ShipmentsModule.forRoot(loadShipmentsConfig(env)),
      { CLOCK_EPOCH: EPOCH, CUSTOMS_GATE: 'false' },
      stack,
    );
    shipper = await createCaller(stack, { name: 'Bhalwal Kinnow', role: 'shipper' });
    operator = await createCaller(stack, { name: 'Control room', role: 'operator' });
    for (const code of ['KTZE', 'NLC', 'PIL', 'SCAT', 'TCS'])
      carriers.set(code, await createCaller(stack, { name: code, role: 'carrier', carrierCode: code }));
  });

  afterAll(async () => {
    await shipments?.stop();
    await stack?.dispose();
  });

  it('counts booked, moving, waiting and recently delivered cargo per corridor place and segment', async () => {
    const kd = { corridor: 'kz-karachi-dubai' };
    const ta = { corridor: 'trans-afghan' };
    // Booked, nothing reported: two forward from Almaty, one reverse from Jebel Ali, one forward from Karachi.
    await book(kd);
    await book(kd);
    await book({ ...kd, direction: 'reverse' });
    await book(ta);
    // Cancelled: off the board.
    const cancelled = await book(kd);
    expect(
      (
        await postJson(
          `${shipments.baseUrl}/v1/shipments/${cancelled.id}/cancel`,
          { reason: 'order withdrawn' },
          shipper,
        )
      ).status,
    ).toBe(200);
    // Moving forward on the first leg: two Almaty → Gishtkuprik, one Karachi → Torkham.
    await report(await book(kd), [[1, 'departure', 10]]);
    await report(await book(kd), [[1, 'departure', 9]]);
    await report(await book(ta), [[1, 'departure', 8]]);
    // Moving in reverse: Karachi → Torkham on kz-karachi-dubai (its second reverse leg),
    // Almaty → Gishtkuprik on trans-afghan.
    await report(await book({ ...kd, direction: 'reverse' }), [
      [1, 'departure', 90],
      [1, 'arrival', 20],
      [2, 'departure', 18],
    ]);
    await report(await book({ ...ta, direction: 'reverse' }), [[1, 'departure', 5]]);
    // Waiting at the Gishtkuprik crossing: one arrived there, one reported at the border of the next leg
    // but not departed.
    await report(await book(kd), [
      [1, 'departure', 30],
      [1, 'arrival', 16],
    ]);
    await report(await book(kd), [
      [1, 'departure', 30],
      [1, 'arrival', 16],
      [2, 'border_arrival', 15],
    ]);
    // By air: one arrived at Almaty and not yet delivered (waits at the last place), one delivered 2 h ago,
    // one 30 h ago.
    const air = { corridor: 'air-lahore-almaty' };
    await report(await book(air), [
      [1, 'departure', 6],
      [1, 'arrival', 3],
    ]);
    await report(await book(air), [
      [1, 'departure', 5],
      [1, 'delivery', 2],
    ]);
    await report(await book(air), [
      [1, 'departure', 33],
      [1, 'delivery', 30],
    ]);
    // On trans-afghan but by the shipper's own legs through Kabul: on the schematic while on Karachi → Torkham,
    // off it beyond.
    const ownLegs = await book(kinnowTransAfghan({ ...ta, cargo }));
    await report(ownLegs, [[1, 'departure', 12]]);
    const offRoute = await book(kinnowTransAfghan({ ...ta, cargo }));
    await report(offRoute, [
      [1, 'departure', 12],
      [1, 'arrival', 8],
      [2, 'departure', 7],
    ]);

    const { status, body } = await getJson(`${shipments.baseUrl}/v1/corridors/board`, operator);
    expect(status).toBe(200);
    // The clock started at the epoch and runs at real speed.
    expect(Date.parse(body.at) - Date.parse(EPOCH)).toBeGreaterThanOrEqual(0);
    expect(Date.parse(body.at) - Date.parse(EPOCH)).toBeLessThan(10 * 60_000);
    expect(body.corridors.map((c: { id: string }) => c.id)).toEqual(listCorridors().map((c) => c.id));

    const byId = Object.fromEntries(body.corridors.map((c: { id: string }) => [c.id, c]));
    expect(nonZero(byId['kz-karachi-dubai'])).toEqual({
      'Almaty booked': 2,
      'Jebel Ali booked': 1,
      'Gishtkuprik waiting': 2,
      'Almaty→Gishtkuprik forward': 2,
      'Torkham→Karachi reverse': 1,
    });
    expect(nonZero(byId['trans-afghan'])).toEqual({
      'Karachi booked': 1,
      'Karachi→Torkham forward': 2,
      'Gishtkuprik→Almaty reverse': 1,
      elsewhere: 1,
    });
    expect(nonZero(byId['air-lahore-almaty'])).toEqual({ 'Almaty waiting': 1, delivered24h: 1 });
    for (const id of ['karakoram-highway', 'west-kz-balochistan', 'caspian-iran'])
      expect(nonZero(byId[id])).toEqual({});

    // The schematic itself comes from the reference data: the crossing that holds cargo at Gishtkuprik, modes
    // and carriers.
    expect(byId['kz-karachi-dubai'].places.find((p: { name: string }) => p.name === 'Gishtkuprik').crossing).toBe(
      'gishtkuprik-zhibek-zholy',
    );
    expect(byId['kz-karachi-dubai'].segments[0]).toEqual({
      from: 'Almaty',
      to: 'Gishtkuprik',
      mode: 'ROAD',
      carrier: 'KTZE',
      forward: 2,
      reverse: 0,
    });
  });

  it('is for operators only', async () => {
    expect((await getJson(`${shipments.baseUrl}/v1/corridors/board`, shipper)).status).toBe(403);
    expect((await getJson(`${shipments.baseUrl}/v1/corridors/board`, carriers.get('NLC'))).status).toBe(403);
    expect((await getJson(`${shipments.baseUrl}/v1/corridors/board`)).status).toBe(401);
  });

  it('is documented with an example', async () => {
    const { body } = await getJson(`${shipments.baseUrl}/docs-json`);
    const answers = body.paths['/v1/corridors/board'].get.responses;
    expect(answers['200'].content['application/json'].schema.example.corridors[0]).toMatchObject({
      id: 'kz-karachi-dubai',
      delivered24h: expect.any(Number),
    });
    expect(Object.keys(answers)).toEqual(expect.arrayContaining(['401', '403']));
  });
});
