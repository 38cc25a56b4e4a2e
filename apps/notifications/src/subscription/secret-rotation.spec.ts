import { MAX_PREVIOUS_SECRETS, retire, stillSigning } from './secret-rotation';

const HOUR = 3_600_000;
const at = (iso: string) => new Date(iso);

describe('secret rotation', () => {
  it('keeps every rotated-out secret until its own expiry, and drops it after', () => {
    const first = retire([], 'sealed-1', at('2026-12-01T08:00:00Z'), 24 * HOUR);
    if ('full' in first) throw new Error('refused');
    const second = retire(first.previous, 'sealed-2', at('2026-12-01T20:00:00Z'), 24 * HOUR);
    if ('full' in second) throw new Error('refused');
    expect(second.previous).toEqual([
      { secret: 'sealed-1', until: '2026-12-02T08:00:00.000Z' },
      { secret: 'sealed-2', until: '2026-12-02T20:00:00.000Z' },
    ]);
    expect(stillSigning(second.previous, at('2026-12-02T07:59:59Z')).map((p) => p.secret)).toEqual([
      'sealed-1',
      'sealed-2',
    ]);
    expect(stillSigning(second.previous, at('2026-12-02T08:00:00Z')).map((p) => p.secret)).toEqual(['sealed-2']);
    // A later rotation prunes what expired.
    const third = retire(second.previous, 'sealed-3', at('2026-12-02T09:00:00Z'), 24 * HOUR);
    expect('full' in third ? [] : third.previous.map((p) => p.secret)).toEqual(['sealed-2', 'sealed-3']);
  });

  it('refuses a rotation while the most secrets still sign, saying when one expires', () => {
    const now = at('2026-12-01T08:00:00Z');
    const previous = Array.from({ length: MAX_PREVIOUS_SECRETS }, (_, i) => ({
      secret: `sealed-${i}`,
      until: new Date(now.getTime() + (i + 1) * HOUR).toISOString(),
    }));
    expect(retire(previous, 'sealed-x', now, 24 * HOUR)).toEqual({
      full: true,
      nextExpiry: at('2026-12-01T09:00:00Z'),
    });
    expect(retire(previous, 'sealed-x', at('2026-12-01T09:00:00Z'), 24 * HOUR)).toMatchObject({
      until: at('2026-12-02T09:00:00Z'),
    });
  });
});
