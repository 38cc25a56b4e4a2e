import { legsFor, listCorridors } from '@lib/reference-data';
import {
  createCaller,
  createTestStack,
  startTestService,
  type RunningService,
  type TestCaller,
  type TestStack,
} from '@lib/testing';
import { getJson, postJson } from '../../../test/support/bookings';
import { query } from '../../../test/support/database';
import { shipmentsModule } from './shipments-module';

const EPOCH = '2026-06-01T00:00:00Z';
const cargo = {
  commodity: 'kinnow',
  hsCode: '0805.21',
  packages: 800,
  weightKg: 12000,
  perishable: { minCelsius: 4, maxCelsius: 8, shelfLifeDays: 40 },
};

/** Every seed corridor, booked by id and driven by its carriers from booking to delivery over HTTP. */
describe('corridors: book by corridor, drive to delivery, the Khunjerab closure', () => {
  let stack: TestStack;
  let shipments: RunningService;
  let shipper: TestCaller;
  const carriers = new Map<string, TestCaller>();

  beforeAll(async () => {
    stack = await createTestStack('corridors');
    // Carriers alone here (no customs service), so the customs gate is off; apps/customs/test covers it.
    shipments = await startTestService(
      'shipments',
      shipmentsModule,
      { CLOCK_EPOCH: EPOCH, CUSTOMS_GATE: 'false' },
      stack,
    );
    shipper = await createCaller(stack, { name: 'Bhalwal Kinnow', role: 'shipper' });
    const codes = new Set(listCorridors().flatMap((c) => c.legs.map((l) => l.carrier)));
    for (const code of codes)
      carriers.set(code, await createCaller(stack, { name: code, role: 'carrier', carrierCode: code }));
  });

  afterAll(async () => {
    await shipments?.stop();
    await stack?.dispose();
  });

  const book = (body: Record<string, unknown>) =>
    postJson(`${shipments.baseUrl}/v1/shipments`, { cargo, ...body }, shipper);

  it.each(
    listCorridors().flatMap((c) => [
      [c.id, 'forward' as const],
      [c.id, 'reverse' as const],
    ]),
  )('%s (%s): every leg departs and arrives, the last delivers', async (corridor, direction) => {
    const booked = await book({ corridor, direction, departureAt: '2026-05-20T06:00:00+05:00' });
    expect(booked.status).toBe(201);
    const legs: { sequence: number; carrier: string; plannedDeparture: string; plannedArrival: string }[] =
      booked.body.legs;
    // Planned by the reference data from the handover: the first crossing's dwell, then each leg and crossing.
    const planned = legsFor(corridor, direction, new Date('2026-05-20T01:00:00Z'));
    expect(legs.map((l) => [l.plannedDeparture, l.plannedArrival])).toEqual(
      planned.map((l) => [l.plannedDeparture, l.plannedArrival]),
    );
    expect(Date.parse(legs[0].plannedDeparture)).toBe(
      Date.parse('2026-05-20T01:00:00Z') + planned[0].dwell.typicalHours * 3600_000,
    );
    let hour = 0;
    for (const leg of legs) {
      const caller = carriers.get(leg.carrier)!;
      const at = () => new Date(Date.parse('2026-05-20T01:00:00Z') + hour++ * 3600_000).toISOString();
      const last = leg.sequence === legs.length;
      for (const kind of ['departure', last ? 'delivery' : 'arrival']) {
        const response = await postJson(
          `${shipments.baseUrl}/v1/carrier-events`,
          {
            eventId: `${corridor}-${direction}-${leg.sequence}-${kind}`,
            shipmentId: booked.body.id,
            leg: leg.sequence,
            kind,
            occurredAt: at(),
          },
          caller,
        );
        expect({ leg: leg.sequence, kind, status: response.status }).toEqual({ leg: leg.sequence, kind, status: 201 });
      }
    }
    const { body } = await getJson(`${shipments.baseUrl}/v1/shipments/${booked.body.id}`, shipper);
    expect(body.status).toBe('DELIVERED');
    const facts = await query(
      stack,
      `SELECT count(*)::int AS n FROM shipments.outbox
        WHERE subject = $1 AND event_type IN ('shipment.leg.departed', 'shipment.leg.arrived', 'shipment.delivered')`,
      [booked.body.id],
    );
    expect(facts[0].n).toBe(legs.length * 2);
  });

  it('names the crossing each leg starts at', async () => {
    const booked = await book({ corridor: 'karakoram-highway', departureAt: '2026-06-01T00:00:00Z' });
    expect(booked.body.legs.map((l: { crossing?: string }) => l.crossing ?? null)).toEqual([
      null,
      'Khunjerab–Tashkurgan',
      'Torugart',
      'Ak-Zhol–Korday',
    ]);
  });

  it('refuses the Karakoram Highway in the Khunjerab closure: 422, the reason and the open alternatives', async () => {
    const winter = await book({ corridor: 'karakoram-highway', departureAt: '2026-12-10T06:00:00+05:00' });
    expect(winter.status).toBe(422);
    expect(winter.body.errors[0]).toMatchObject({ field: 'corridor', reason: expect.stringContaining('Khunjerab') });
    expect(winter.body.errors[0].reason).toContain('2027-04-01');
    // SCAT's flights are suspended for the winter too: the roads are what is open.
    expect(winter.body.alternatives).toEqual(['trans-afghan', 'west-kz-balochistan', 'caspian-iran']);
  });

  it('refuses the Lahore → Almaty flight in SCAT’s winter suspension: 422, the reason and the roads open', async () => {
    const winter = await book({ corridor: 'air-lahore-almaty', departureAt: '2027-01-10T06:00:00+05:00' });
    expect(winter.status).toBe(422);
    expect(winter.body.errors[0]).toMatchObject({
      field: 'corridor',
      reason: expect.stringContaining('air-lahore-almaty is suspended until 2027-03-01'),
    });
    expect(winter.body.alternatives).toEqual(expect.arrayContaining(['trans-afghan', 'caspian-iran']));
    expect((await book({ corridor: 'air-lahore-almaty', departureAt: '2027-03-05T06:00:00+05:00' })).status).toBe(201);
  });

  it('refuses explicit legs through a closed Khunjerab too', async () => {
    const legs = [
      { mode: 'ROAD', carrier: 'NLC', from: { locode: 'PKISB', name: 'Islamabad' }, to: { name: 'Sost dry port' } },
      {
        mode: 'ROAD',
        carrier: 'NLC',
        from: { name: 'Sost dry port' },
        to: { locode: 'CNKHG', name: 'Kashgar' },
        crossing: 'Khunjerab–Tashkurgan',
        plannedDeparture: '2027-01-15T08:00:00+05:00',
      },
    ];
    const response = await book({ legs });
    expect(response.status).toBe(422);
    expect(response.body.errors[0].field).toBe('legs[1].crossing');
  });

  it('refuses an unknown corridor, and a booking with neither corridor nor legs', async () => {
    await expect(book({ corridor: 'silk-road-by-camel' })).resolves.toMatchObject({
      status: 422,
      body: { errors: [{ field: 'corridor' }] },
    });
    await expect(book({})).resolves.toMatchObject({
      status: 422,
      body: { errors: [{ field: 'legs', reason: 'give a corridor or the legs' }] },
    });
  });
});
