import type { TrackedShipment } from '../shipment/tracking-state';
import { latestWatches, REEFER_SILENT, reeferWatch } from './reefer-silence';

const H = 3600_000;
const silence = 6 * H;

const shipment = (overrides: Partial<TrackedShipment> = {}): TrackedShipment => ({
  id: 's-1',
  shipperId: 'shipper-1',
  status: 'IN_TRANSIT',
  cargo: {
    commodity: 'kinnow',
    hsCode: '0805.21',
    packages: 10,
    weightKg: 100,
    perishable: { minCelsius: 4, maxCelsius: 8, shelfLifeDays: 28 },
  },
  legs: [
    {
      sequence: 1,
      mode: 'ROAD',
      carrier: 'NLC',
      from: { name: 'Karachi' },
      to: { name: 'Torkham' },
      actualDeparture: '2026-12-01T00:00:00.000Z',
    },
    { sequence: 2, mode: 'ROAD', carrier: 'TCS', from: { name: 'Torkham' }, to: { name: 'Kabul' } },
  ],
  position: null,
  inExcursion: false,
  ...overrides,
});
const event = (kind: string, leg = 1, classifier = 'ACT') => ({ kind, classifier, leg });
const heard = (iso: string) => new Date(iso);

describe('the reefer watch', () => {
  it('starts when the first departure is heard and moves to each reading heard', () => {
    expect(reeferWatch(shipment(), event('departure'), heard('2026-12-01T00:00:00.000Z'), silence)).toEqual([
      {
        id: 'reefer-silence.s-1',
        subjectId: 's-1',
        kind: REEFER_SILENT,
        details: { silentSince: '2026-12-01T00:00:00.000Z' },
        dueAt: new Date('2026-12-01T06:00:00.000Z'),
      },
    ]);
    expect(reeferWatch(shipment(), event('temperature', 2), heard('2026-12-01T03:00:00.000Z'), silence)).toEqual([
      expect.objectContaining({
        id: 'reefer-silence.s-1',
        details: { silentSince: '2026-12-01T03:00:00.000Z' },
        dueAt: new Date('2026-12-01T09:00:00.000Z'),
      }),
    ]);
  });

  it('watches nothing for dry goods, estimates, later departures, other kinds, or a shipment not on its way', () => {
    const dry = shipment({ cargo: { commodity: 'cotton yarn', hsCode: '5205.12', packages: 1, weightKg: 1 } });
    expect(reeferWatch(dry, event('temperature'), heard('2026-12-01T03:00:00Z'), silence)).toEqual([]);
    expect(reeferWatch(shipment(), event('temperature', 1, 'EST'), heard('2026-12-01T03:00:00Z'), silence)).toEqual([]);
    expect(reeferWatch(shipment(), event('departure', 2), heard('2026-12-02T00:00:00Z'), silence)).toEqual([]);
    expect(reeferWatch(shipment(), event('arrival'), heard('2026-12-02T00:00:00Z'), silence)).toEqual([]);
    for (const status of ['BOOKED', 'DELIVERED', 'CANCELLED'] as const)
      expect(reeferWatch(shipment({ status }), event('temperature'), heard('2026-12-01T03:00:00Z'), silence)).toEqual(
        [],
      );
  });

  it('keeps one watch per shipment from a batch: the latest', () => {
    const at = (iso: string, id = 's-1') => reeferWatch(shipment({ id }), event('temperature'), heard(iso), silence)[0];
    const watches = latestWatches([
      at('2026-12-01T03:00:00Z'),
      at('2026-12-01T05:00:00Z'),
      at('2026-12-01T04:00:00Z'),
      at('2026-12-01T01:00:00Z', 's-2'),
    ]);
    expect(watches.map((w) => [w.id, w.dueAt.toISOString()])).toEqual([
      ['reefer-silence.s-1', '2026-12-01T11:00:00.000Z'],
      ['reefer-silence.s-2', '2026-12-01T07:00:00.000Z'],
    ]);
  });
});
