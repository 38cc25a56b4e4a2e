import type { LegSummary } from '@lib/contracts';
import { parseSlaRules } from './clearance-sla';
import type { Declaration } from './declaration.entity';
import { clearanceDeadline, documentsReminder, expectedAtCrossing } from './declaration.follow-ups';

const settings = { clearanceSla: parseSlaRules('perishable=12,default=48,torkham=24'), reminderLeadMs: 24 * 3600_000 };
const declaration = (perishable: boolean, crossing = 'torkham') =>
  ({
    id: 'd-1',
    crossing,
    legSequence: 2,
    cargo: perishable
      ? { commodity: 'kinnow', hsCode: '0805.21', packages: 1, weightKg: 1 }
      : { commodity: 'cotton yarn', hsCode: '5205.12', packages: 1, weightKg: 1 },
  }) as Declaration;
const leg = (sequence: number, extra: Partial<LegSummary> = {}): LegSummary => ({
  sequence,
  mode: 'ROAD',
  carrier: 'NLC',
  from: { name: 'a' },
  to: { name: 'b' },
  ...extra,
});

describe('declaration follow-ups', () => {
  it('expects the cargo at the leg’s planned departure, else the previous leg’s planned arrival', () => {
    expect(expectedAtCrossing([leg(1, { plannedArrival: '2026-12-02T00:00:00Z' }), leg(2)], 2)).toEqual(
      new Date('2026-12-02T00:00:00Z'),
    );
    expect(
      expectedAtCrossing(
        [leg(1, { plannedArrival: '2026-12-02T00:00:00Z' }), leg(2, { plannedDeparture: '2026-12-03T00:00:00Z' })],
        2,
      ),
    ).toEqual(new Date('2026-12-03T00:00:00Z'));
    expect(expectedAtCrossing([leg(1), leg(2)], 2)).toBeUndefined();
  });

  it('counts the clearance deadline from arrival, by perishability and crossing', () => {
    const arrived = new Date('2026-12-02T00:00:00Z');
    expect(clearanceDeadline(declaration(true), arrived, settings)).toEqual({
      id: 'clearance-sla.d-1',
      subjectId: 'd-1',
      kind: 'clearance_sla',
      details: null,
      dueAt: new Date('2026-12-02T12:00:00Z'),
    });
    expect(clearanceDeadline(declaration(false), arrived, settings).dueAt).toEqual(new Date('2026-12-03T00:00:00Z'));
    expect(clearanceDeadline(declaration(false, 'chaman'), arrived, settings).dueAt).toEqual(
      new Date('2026-12-04T00:00:00Z'),
    );
  });

  it('reminds a day before the cargo is expected, at once when that is closer, and never after', () => {
    const now = new Date('2026-12-01T00:00:00Z');
    expect(documentsReminder(declaration(true), new Date('2026-12-05T00:00:00Z'), now, settings)?.dueAt).toEqual(
      new Date('2026-12-04T00:00:00Z'),
    );
    expect(documentsReminder(declaration(true), new Date('2026-12-01T06:00:00Z'), now, settings)?.dueAt).toEqual(now);
    expect(documentsReminder(declaration(true), new Date('2026-11-30T00:00:00Z'), now, settings)).toBeUndefined();
    expect(documentsReminder(declaration(true), undefined, now, settings)).toBeUndefined();
  });
});
