import { findCrossing } from '@lib/reference-data';
import type { CrossingOverride } from './crossing-override.entity';
import { allCrossingStates, crossingState } from './crossing-state';

const khunjerab = findCrossing('khunjerab-tashkurgan')!;
const winter = new Date('2027-01-15T00:00:00Z');
const summer = new Date('2026-07-01T00:00:00Z');

function override(fields: Partial<CrossingOverride>): CrossingOverride {
  return {
    id: 'o-1',
    crossing: khunjerab.id,
    open: false,
    reason: 'landslide',
    startsAt: new Date('2026-01-01T00:00:00Z'),
    endsAt: null,
    setBy: 'key_op',
    requestedBy: null,
    createdAt: new Date('2026-01-01T00:00:00Z'),
    liftedAt: null,
    liftedBy: null,
    liftRequestedBy: null,
    ...fields,
  };
}

describe('crossing state', () => {
  it('follows the calendar when nothing overrides it', () => {
    expect(crossingState(khunjerab, winter, [], [])).toMatchObject({
      open: false,
      closure: { source: 'season', until: '2027-04-01T00:00:00.000Z' },
      override: null,
    });
    expect(crossingState(khunjerab, summer, [], [])).toMatchObject({
      open: true,
      closure: null,
      seasonalClosure: null,
    });
  });

  it('lets an operator open a crossing the season closes, and still says what the season would do', () => {
    const opening = override({ open: true, reason: 'winter convoy', endsAt: new Date('2027-02-01T00:00:00Z') });
    const state = crossingState(khunjerab, winter, [opening], []);
    expect(state).toMatchObject({
      open: true,
      closure: null,
      override: { id: 'o-1', open: true },
      seasonalClosure: { reason: 'Khunjerab Pass closed for winter' },
    });
  });

  it('puts the operator over configuration, and configuration over the season', () => {
    const configured = [
      {
        crossing: 'Khunjerab–Tashkurgan',
        from: '2027-01-01',
        until: '2027-02-01',
        open: true,
        reason: 'configured opening',
      },
    ];
    expect(crossingState(khunjerab, winter, [], configured)).toMatchObject({ open: true, closure: null });
    expect(crossingState(khunjerab, winter, [override({ reason: 'avalanche' })], configured)).toMatchObject({
      open: false,
      closure: { reason: 'avalanche', until: null, source: 'operator' },
    });
    const configuredClosure = [
      { crossing: 'torkham', from: '2026-06-01', until: '2026-08-01', open: false, reason: 'configured closure' },
    ];
    expect(crossingState(findCrossing('torkham')!, summer, [], configuredClosure)).toMatchObject({
      open: false,
      closure: { source: 'configuration', until: '2026-08-01T00:00:00.000Z' },
    });
  });

  it('ignores lifted overrides and lists those to come, soonest first', () => {
    const lifted = override({ id: 'lifted', liftedAt: new Date('2026-06-01T00:00:00Z') });
    const later = override({ id: 'later', startsAt: new Date('2026-09-01T00:00:00Z') });
    const sooner = override({
      id: 'sooner',
      startsAt: new Date('2026-08-01T00:00:00Z'),
      endsAt: new Date('2026-08-05T00:00:00Z'),
    });
    const state = crossingState(khunjerab, summer, [lifted, later, sooner], []);
    expect(state.open).toBe(true);
    expect(state.upcoming.map((o) => o.id)).toEqual(['sooner', 'later']);
  });

  it('applies an override only to its own crossing', () => {
    const states = allCrossingStates(summer, [override({})], []);
    expect(states.filter((s) => !s.open).map((s) => s.id)).toEqual([khunjerab.id]);
  });
});
