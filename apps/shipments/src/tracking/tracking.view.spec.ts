import type { LegState } from '../shipment/tracking-state';
import { escapeHtml, html } from '@lib/html';
import { trackingFragment } from './tracking.page';
import { customsStateOf, trackingView, type TrackedRow } from './tracking.view';

function leg(sequence: number, from: string, to: string, extra: Partial<LegState> = {}): LegState {
  const places: Record<string, string> = { Karachi: 'PKKHI', Torkham: 'PKTOR', Kabul: 'AFKBL', Almaty: 'KZALA' };
  return {
    sequence,
    mode: 'ROAD',
    carrier: 'NLC',
    from: { locode: places[from], name: from },
    to: { locode: places[to], name: to },
    ...extra,
  };
}

function row(legs: LegState[], overrides: Partial<TrackedRow> = {}): TrackedRow {
  return {
    trackingNumber: 'KZPK-7F3K-9Q2M',
    status: 'IN_TRANSIT',
    consignee: 'Almaty Fruit Terminal LLP',
    commodity: 'kinnow',
    packages: 1200,
    weightKg: 18000,
    legs,
    position: null,
    etaPrediction: null,
    ...overrides,
  };
}

const hidden = { consignee: false, documents: false };

describe('tracking view', () => {
  it('reads customs at a crossing from the leg that starts there', () => {
    expect(customsStateOf(leg(2, 'Torkham', 'Kabul'))).toBe('PENDING');
    expect(customsStateOf(leg(2, 'Torkham', 'Kabul', { atCrossingSince: '2026-11-21T02:00:00Z' }))).toBe('AWAITING');
    expect(customsStateOf(leg(2, 'Torkham', 'Kabul', { clearance: 'HELD' }))).toBe('HELD');
    expect(customsStateOf(leg(2, 'Torkham', 'Kabul', { status: 'DEPARTED' }))).toBe('PASSED');
  });

  it('puts the cargo on the leg under way, else at the end of the last leg arrived', () => {
    const moving = trackingView(
      row([
        leg(1, 'Karachi', 'Torkham', { status: 'ARRIVED' }),
        leg(2, 'Torkham', 'Kabul', { status: 'DEPARTED', crossing: 'Torkham' }),
        leg(3, 'Kabul', 'Almaty'),
      ]),
      [],
      hidden,
    );
    expect(moving.legs.map((l) => l.here)).toEqual([false, true, false]);
    expect(moving.stops.some((s) => s.here)).toBe(false);
    expect(moving.stops.map((s) => [s.place.name, s.zone])).toEqual([
      ['Karachi', 'Asia/Karachi'],
      ['Torkham', 'Asia/Karachi'],
      ['Kabul', 'Asia/Kabul'],
      ['Almaty', 'Asia/Almaty'],
    ]);
    expect(moving.stops[1].crossing).toEqual({ name: 'Torkham', customs: 'PASSED' });

    const standing = trackingView(
      row([leg(1, 'Karachi', 'Torkham', { status: 'ARRIVED' }), leg(2, 'Torkham', 'Kabul')]),
      [],
      hidden,
    );
    expect(standing.stops.map((s) => s.here)).toEqual([false, true, false]);
  });

  it('shows the consignee and documents only when the link shares them', () => {
    const legs = [leg(1, 'Kabul', 'Almaty', { tirReference: 'XZ81234567' })];
    const plain = trackingView(row(legs), [], hidden);
    expect(plain).not.toHaveProperty('consignee');
    expect(plain).not.toHaveProperty('documents');
    expect(trackingFragment(plain, 'en').value).not.toContain('Almaty Fruit Terminal');
    const shared = trackingView(row(legs), [], { consignee: true, documents: true });
    expect(shared.consignee).toBe('Almaty Fruit Terminal LLP');
    expect(shared.documents).toEqual([{ reference: 'XZ81234567', sequence: 1 }]);
  });

  it('prefers the predicted ETA with its interval, in the destination’s time', () => {
    const view = trackingView(
      row([leg(1, 'Kabul', 'Almaty', { plannedArrival: '2026-12-01T00:00:00Z' })], {
        etaPrediction: {
          arrival: '2026-12-03T01:46:00Z',
          earliest: '2026-12-01T13:54:00Z',
          latest: '2026-12-08T07:36:00Z',
          asOf: '2026-11-21T16:00:00Z',
        },
      }),
      [],
      hidden,
    );
    expect(view.eta).toEqual({
      kind: 'predicted',
      at: '2026-12-03T01:46:00Z',
      interval: { earliest: '2026-12-01T13:54:00Z', latest: '2026-12-08T07:36:00Z' },
      zone: 'Asia/Almaty',
    });
    expect(trackingFragment(view, 'en').value).toContain('Dec 3, 2026, 06:46 GMT+5');
  });

  it('places each event in its own time zone: the reported location, else its leg’s end', () => {
    const view = trackingView(
      row([leg(1, 'Torkham', 'Kabul')]),
      [
        { leg: 1, kind: 'departure', classifier: 'ACT', occurredAt: '2026-11-21T07:00:00Z', location: null },
        { leg: 1, kind: 'arrival', classifier: 'EST', occurredAt: '2026-11-21T16:00:00Z', location: null },
      ],
      hidden,
    );
    expect(view.timeline.map((e) => [e.place.name, e.zone, e.expected])).toEqual([
      ['Torkham', 'Asia/Karachi', false],
      ['Kabul', 'Asia/Kabul', true],
    ]);
  });

  it('escapes whatever a shipper or carrier typed', () => {
    expect(escapeHtml(`<script>"x" & 'y'</script>`)).toBe(
      '&lt;script&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/script&gt;',
    );
    const view = trackingView(row([leg(1, 'Kabul', 'Almaty')], { consignee: '<img src=x onerror=alert(1)>' }), [], {
      consignee: true,
      documents: false,
    });
    expect(trackingFragment(view, 'en').value).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html`${['<b>', html`<i>`]}`.value).toBe('&lt;b&gt;<i>');
  });
});
