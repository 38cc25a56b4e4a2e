import type { ShipmentBooked } from '@lib/contracts';
import { bookedMessage } from './notification-message';

const booked = (overrides: Partial<ShipmentBooked> = {}): ShipmentBooked => ({
  shipmentId: '6f1c4a52-4c0e-4a55-9d0a-0d7f8c1b2a11',
  trackingNumber: 'KZPK-7F3K-9Q2M',
  shipperId: 'shipper-bhalwal-kinnow',
  cargo: { commodity: 'kinnow', hsCode: '0805.21', packages: 1200, weightKg: 18000 },
  legs: [
    { sequence: 1, mode: 'AIR', carrier: 'SCAT', from: { locode: 'PKLHE', name: 'Lahore' }, to: { locode: 'KZALA', name: 'Almaty' } },
  ],
  bookedAt: '2026-12-01T08:00:00.000Z',
  ...overrides,
});

describe('bookedMessage', () => {
  it('names the commodity, tracking number and the route end to end', () => {
    expect(bookedMessage(booked())).toBe('Kinnow shipment KZPK-7F3K-9Q2M booked: Lahore (PKLHE) → Almaty (KZALA), 1 leg');
  });

  it('uses facility names where a place has no UN/LOCODE', () => {
    const legs: ShipmentBooked['legs'] = [
      { sequence: 1, mode: 'ROAD', carrier: 'NLC', from: { locode: 'PKISB', name: 'Islamabad' }, to: { name: 'Sost dry port' } },
      { sequence: 2, mode: 'ROAD', carrier: 'NLC', from: { name: 'Sost dry port' }, to: { locode: 'CNKHG', name: 'Kashgar' } },
    ];
    expect(bookedMessage(booked({ legs, cargo: { commodity: 'mango', hsCode: '0804.50', packages: 10, weightKg: 200 } }))).toBe(
      'Mango shipment KZPK-7F3K-9Q2M booked: Islamabad (PKISB) → Kashgar (CNKHG), 2 legs',
    );
  });
});
