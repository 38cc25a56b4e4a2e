import type { TrackedShipment } from '../shipment/tracking-state';
import { followUpsForDeparture, overdueAt } from './follow-up.plan';

const shipment = (perishable = true): TrackedShipment => ({
  id: 's-1',
  shipperId: 'p-1',
  status: 'IN_TRANSIT',
  cargo: {
    commodity: 'kinnow',
    hsCode: '0805.21',
    packages: 1,
    weightKg: 1,
    ...(perishable ? { perishable: { minCelsius: 4, maxCelsius: 8, shelfLifeDays: 10 } } : {}),
  },
  legs: [
    {
      sequence: 1,
      mode: 'ROAD',
      carrier: 'NLC',
      from: { name: 'Karachi' },
      to: { name: 'Torkham' },
      plannedArrival: '2026-12-02T00:00:00Z',
      actualDeparture: '2026-12-01T00:00:00Z',
    },
    {
      sequence: 2,
      mode: 'AIR',
      carrier: 'SCAT',
      from: { name: 'Lahore' },
      to: { name: 'Almaty' },
      actualDeparture: '2026-12-03T00:00:00Z',
    },
  ],
  position: null,
  inExcursion: false,
});

const settings = { legOverdueGraceMs: 2 * 3600_000, shelfLifeAlertFraction: 0.8 };

describe('followUpsForDeparture', () => {
  it('watches the leg at planned arrival + grace, and a perishable’s shelf life from its first departure', () => {
    expect(followUpsForDeparture(shipment(), 1, settings)).toEqual([
      {
        id: 'leg-overdue.s-1.1',
        subjectId: 's-1',
        kind: 'leg_overdue',
        details: { legSequence: 1 },
        dueAt: new Date('2026-12-02T02:00:00Z'),
      },
      {
        id: 'shelf-life.s-1',
        subjectId: 's-1',
        kind: 'shelf_life',
        details: null,
        dueAt: new Date('2026-12-09T00:00:00Z'),
      },
    ]);
  });

  it('uses the mode’s typical duration without a planned arrival, and no shelf-life watch after the first leg', () => {
    expect(followUpsForDeparture(shipment(), 2, settings)).toEqual([
      {
        id: 'leg-overdue.s-1.2',
        subjectId: 's-1',
        kind: 'leg_overdue',
        details: { legSequence: 2 },
        dueAt: new Date('2026-12-03T08:00:00Z'),
      },
    ]);
  });

  it('keeps ids free of ":" (BullMQ refuses them) and deterministic', () => {
    const ids = followUpsForDeparture(shipment(), 1, settings).map((f) => f.id);
    expect(ids.every((id) => !id.includes(':'))).toBe(true);
    expect(followUpsForDeparture(shipment(), 1, settings).map((f) => f.id)).toEqual(ids);
  });

  it('watches no shelf life for cargo that does not perish', () => {
    expect(followUpsForDeparture(shipment(false), 1, settings).map((f) => f.kind)).toEqual(['leg_overdue']);
  });

  it('watches a departed leg until its predicted arrival’s upper bound, the grace after the median a floor', () => {
    const leg = shipment().legs[0];
    const predicted = { arrival: '2026-12-04T00:00:00Z', latest: '2026-12-06T12:00:00Z', onCorridor: true };
    expect(overdueAt(leg, predicted, settings.legOverdueGraceMs)).toEqual(new Date('2026-12-06T12:00:00Z'));
    const sure = { arrival: '2026-12-04T00:00:00Z', latest: '2026-12-04T00:30:00Z', onCorridor: true };
    expect(overdueAt(leg, sure, settings.legOverdueGraceMs)).toEqual(new Date('2026-12-04T02:00:00Z'));
    expect(followUpsForDeparture(shipment(), 1, settings, predicted)[0].dueAt).toEqual(
      new Date('2026-12-06T12:00:00Z'),
    );
  });

  it('on a corridor, goes by the prediction even when the shipper planned the leg longer', () => {
    const leg = { ...shipment().legs[0], plannedArrival: '2026-12-09T00:00:00Z' };
    const predicted = { arrival: '2026-12-04T00:00:00Z', latest: '2026-12-06T12:00:00Z', onCorridor: true };
    expect(overdueAt(leg, predicted, settings.legOverdueGraceMs)).toEqual(new Date('2026-12-06T12:00:00Z'));
  });

  it('off a corridor, never declares a leg late before its planned arrival + grace', () => {
    // A road leg the shipper planned at 192 h: a prediction's upper bound before that does not count.
    const leg = { ...shipment().legs[0], plannedArrival: '2026-12-09T00:00:00Z' };
    const early = { arrival: '2026-12-04T00:00:00Z', latest: '2026-12-06T12:00:00Z', onCorridor: false };
    expect(overdueAt(leg, early, settings.legOverdueGraceMs)).toEqual(new Date('2026-12-09T02:00:00Z'));
    // The prediction's bound, when later than the plan, still rules.
    const late = { arrival: '2026-12-08T00:00:00Z', latest: '2026-12-11T00:00:00Z', onCorridor: false };
    expect(overdueAt(leg, late, settings.legOverdueGraceMs)).toEqual(new Date('2026-12-11T00:00:00Z'));
    // Without a planned arrival, the prediction alone.
    const { plannedArrival: _p, ...unplanned } = leg;
    expect(overdueAt(unplanned, early, settings.legOverdueGraceMs)).toEqual(new Date('2026-12-06T12:00:00Z'));
  });
});
