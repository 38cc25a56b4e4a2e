import type { Principal } from '@lib/identity';
import { canSeeShipment } from './shipment-access';

const shipment = {
  shipperId: 'shipper-bhalwal',
  legs: [
    { sequence: 1, mode: 'ROAD' as const, carrier: 'NLC', from: { name: 'Karachi' }, to: { name: 'Torkham' } },
    {
      sequence: 2,
      mode: 'ROAD' as const,
      carrier: 'TCS',
      from: { name: 'Torkham' },
      to: { name: 'Kabul' },
      crossing: 'Torkham',
    },
  ],
};

const principal = (overrides: Partial<Principal>): Principal => ({
  tenantId: 't',
  tenantName: 'T',
  role: 'shipper',
  keyId: 'key_x',
  actsFor: [],
  ...overrides,
});

describe('canSeeShipment', () => {
  it.each([
    ['its shipper', principal({ tenantId: 'shipper-bhalwal' }), true],
    ['another shipper', principal({ tenantId: 'shipper-other' }), false],
    ['a broker acting for the shipper', principal({ role: 'customs_broker', actsFor: ['shipper-bhalwal'] }), true],
    ['a broker acting for others', principal({ role: 'customs_broker', actsFor: ['shipper-other'] }), false],
    ['a carrier on one of its legs', principal({ role: 'carrier', carrierCode: 'TCS' }), true],
    ['a carrier not on the route', principal({ role: 'carrier', carrierCode: 'KTZ' }), false],
    ['the officer at a crossing on the route', principal({ role: 'customs_officer', crossing: 'Torkham' }), true],
    ['an officer elsewhere', principal({ role: 'customs_officer', crossing: 'Chaman' }), false],
    ['an operator', principal({ role: 'operator' }), true],
  ])('%s: %s', (_, who, visible) => {
    expect(canSeeShipment(who, shipment)).toBe(visible);
  });
});
