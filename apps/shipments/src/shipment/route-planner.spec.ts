import { planRoute, PLANNING_WINDOW } from './route-planner';
import type { BookShipment } from './dto/book-shipment.dto';

const now = new Date('2026-06-01T00:00:00Z');
const cargo = { commodity: 'cotton yarn', hsCode: '5205.12', packages: 100, weightKg: 5000 };
const khunjerabLeg = (times: { plannedDeparture?: string; plannedArrival?: string }) => ({
  mode: 'ROAD' as const,
  carrier: 'NLC',
  from: { name: 'Sost dry port' },
  to: { locode: 'CNKHG', name: 'Kashgar' },
  crossing: 'Khunjerab–Tashkurgan',
  ...times,
});
const booking = (input: Partial<BookShipment>): BookShipment => ({ direction: 'forward', cargo, ...input });

describe('planRoute: planned times a booking may have', () => {
  it('refuses a departureAt in year 9999 on the Karakoram Highway by field, not computing a reopening in 10000', () => {
    expect(planRoute(booking({ corridor: 'karakoram-highway', departureAt: '9999-12-31T00:00:00Z' }), now, [])).toEqual(
      {
        errors: [
          {
            field: 'departureAt',
            reason: expect.stringContaining('planned times must fall between 2025-06-01 and 2028-05-31'),
          },
        ],
      },
    );
  });

  it('refuses explicit leg times outside the window by leg and field (9999 at Khunjerab, year 0001 arrival)', () => {
    const plan = planRoute(
      booking({
        legs: [khunjerabLeg({ plannedDeparture: '9999-12-20T00:00:00Z', plannedArrival: '0001-01-01T00:00:00Z' })],
      }),
      now,
      [],
    );
    expect(plan).toEqual({
      errors: [
        { field: 'legs[0].plannedDeparture', reason: expect.any(String) },
        { field: 'legs[0].plannedArrival', reason: expect.any(String) },
      ],
    });
  });

  it('refuses a corridor whose computed arrival leaves the window, naming departureAt', () => {
    const edge = new Date(now.getTime() + PLANNING_WINDOW.futureMs - 3600_000).toISOString();
    expect(planRoute(booking({ corridor: 'trans-afghan', departureAt: edge }), now, [])).toEqual({
      errors: [{ field: 'departureAt', reason: expect.stringContaining('the corridor would arrive on') }],
    });
  });

  it('plans within the window as before, and still names a winter closure', () => {
    expect(
      planRoute(booking({ corridor: 'trans-afghan', departureAt: '2026-05-20T00:00:00Z' }), now, []),
    ).toHaveProperty('legs');
    expect(
      planRoute(booking({ legs: [khunjerabLeg({ plannedDeparture: '2027-01-15T08:00:00+05:00' })] }), now, []),
    ).toEqual({
      errors: [{ field: 'legs[0].crossing', reason: expect.stringContaining('closed until 2027-04-01') }],
    });
  });
});

describe('planRoute: schedules and the seasonal calendar', () => {
  it('plans a corridor with the dwell at each crossing, and keeps the booking’s legs to the contract’s fields', () => {
    const plan = planRoute(booking({ corridor: 'kz-karachi-dubai', departureAt: '2026-06-01T00:00:00Z' }), now, []);
    if (!('legs' in plan)) throw new Error(JSON.stringify(plan));
    const days = (Date.parse(plan.legs[plan.legs.length - 1].plannedArrival!) - now.getTime()) / 86_400_000;
    expect(days).toBeGreaterThanOrEqual(20);
    expect(days).toBeLessThanOrEqual(25);
    // Torkham → Karachi leaves two days after the truck reached Torkham (import into Pakistan).
    expect(Date.parse(plan.legs[3].plannedDeparture!) - Date.parse(plan.legs[2].plannedArrival!)).toBe(48 * 3600_000);
    expect(Object.keys(plan.legs[3]).sort()).toEqual(
      ['carrier', 'crossing', 'from', 'mode', 'plannedArrival', 'plannedDeparture', 'sequence', 'tir', 'to'].sort(),
    );
    // The TIR flag goes with the booking, for customs' carnet rule: the road legs run under TIR, the sea leg not.
    expect(plan.legs.map((leg) => leg.tir)).toEqual(plan.legs.map((leg) => leg.mode === 'ROAD'));
  });

  it('refuses the Lahore ⇄ Almaty flight in SCAT’s winter suspension, with the roads open instead', () => {
    expect(planRoute(booking({ corridor: 'air-lahore-almaty', departureAt: '2026-12-20T00:00:00Z' }), now, [])).toEqual(
      {
        errors: [
          {
            field: 'corridor',
            reason:
              'SCAT suspends its Lahore ⇄ Almaty flights for the winter: air-lahore-almaty is suspended until ' +
              '2027-03-01; open instead: trans-afghan, west-kz-balochistan, caspian-iran',
          },
        ],
        alternatives: ['trans-afghan', 'west-kz-balochistan', 'caspian-iran'],
      },
    );
    expect(
      planRoute(
        booking({ corridor: 'air-lahore-almaty', direction: 'reverse', departureAt: '2027-03-02T00:00:00Z' }),
        now,
        [],
      ),
    ).toHaveProperty('legs');
  });

  it('still names a closed crossing as closed, with the air among the alternatives once flights resume', () => {
    const plan = planRoute(booking({ corridor: 'karakoram-highway', departureAt: '2027-03-10T00:00:00Z' }), now, []);
    expect(plan).toMatchObject({
      errors: [
        { field: 'corridor', reason: expect.stringContaining('khunjerab-tashkurgan is closed until 2027-04-01') },
      ],
      alternatives: expect.arrayContaining(['air-lahore-almaty', 'trans-afghan']),
    });
  });
});
