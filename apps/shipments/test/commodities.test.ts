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

/** Issue 16, item 4: a shipper booking kinnow gets reefer monitoring without typing the range. */
describe('shipments: the commodity catalogue', () => {
  let stack: TestStack;
  let shipments: RunningService;
  let shipper: TestCaller;
  let nlc: TestCaller;

  beforeAll(async () => {
    stack = await createTestStack('commodities');
    shipments = await startTestService('shipments', shipmentsModule, { CUSTOMS_GATE: 'false' }, stack);
    shipper = await createCaller(stack, { name: 'Bhalwal Kinnow', role: 'shipper' });
    nlc = await createCaller(stack, { name: 'NLC', role: 'carrier', carrierCode: 'NLC' });
  });

  afterAll(async () => {
    await shipments?.stop();
    await stack?.dispose();
  });

  const book = (cargo: Record<string, unknown>) =>
    postJson(`${shipments.baseUrl}/v1/shipments`, { corridor: 'trans-afghan', cargo }, shipper);

  it('lists the catalogue: HS code, carry range with humidity, shelf life and season', async () => {
    const { status, body } = await getJson(`${shipments.baseUrl}/v1/commodities`, shipper);
    expect(status).toBe(200);
    expect(body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          id: 'kinnow',
          hsCode: '0805.21',
          perishable: {
            minCelsius: 4,
            maxCelsius: 8,
            minHumidityPercent: 85,
            maxHumidityPercent: 90,
            shelfLifeDays: 28,
          },
          season: { from: '12-15', until: '04-01' },
        }),
        expect.objectContaining({ id: 'cotton-yarn', hsCode: '5205.12' }),
      ]),
    );
    expect(body.items.find((c: { id: string }) => c.id === 'cotton-yarn').perishable).toBeUndefined();
  });

  it('books kinnow without a range at the catalogue’s, publishes it, and watches the reefer against it', async () => {
    const booked = await book({ commodity: 'Kinnow', hsCode: '0805.21', packages: 1200, weightKg: 18000 });
    expect(booked.status).toBe(201);
    const kinnow = { minCelsius: 4, maxCelsius: 8, minHumidityPercent: 85, maxHumidityPercent: 90, shelfLifeDays: 28 };
    expect(booked.body.cargo.perishable).toEqual(kinnow);
    const [fact] = await query(
      stack,
      "SELECT payload FROM shipments.outbox WHERE subject = $1 AND event_type = 'shipment.booked'",
      [booked.body.id],
    );
    expect(fact.payload.cargo.perishable).toEqual(kinnow);

    // Hours from now (the service runs on the real clock): the plan may start later, but carriers report what happened.
    const at = (hour: number) => new Date(Date.now() + hour * 3600_000).toISOString();
    const post = (eventId: string, kind: string, hour: number, extra: Record<string, unknown> = {}) =>
      postJson(
        `${shipments.baseUrl}/v1/carrier-events`,
        { eventId, shipmentId: booked.body.id, leg: 1, kind, occurredAt: at(hour), ...extra },
        nlc,
      );
    expect((await post('k-dep', 'departure', -2)).status).toBe(201);
    expect((await post('k-t1', 'temperature', -1, { celsius: 9.5 })).status).toBe(201);
    const excursions = await query(
      stack,
      'SELECT count(*)::int AS n FROM shipments.outbox' +
        " WHERE subject = $1 AND event_type = 'shipment.temperature.excursion'",
      [booked.body.id],
    );
    expect(excursions[0].n).toBe(1);
  });

  it('keeps the shipper’s own range (with the catalogue’s humidity), and gives dry goods none', async () => {
    const own = { minCelsius: 5, maxCelsius: 7, shelfLifeDays: 21 };
    expect(
      (await book({ commodity: 'kinnow', hsCode: '0805.21', packages: 10, weightKg: 100, perishable: own })).body.cargo
        .perishable,
    ).toEqual({ ...own, minHumidityPercent: 85, maxHumidityPercent: 90 });
    expect(
      (await book({ commodity: 'cotton yarn', hsCode: '5205.12', packages: 10, weightKg: 100 })).body.cargo.perishable,
    ).toBeUndefined();
  });
});
