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
