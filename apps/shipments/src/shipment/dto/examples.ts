/**
 * OpenAPI examples: a kinnow consignment from Bhalwal's packing houses, by road through Afghanistan in
 * the kinnow season, and flown Lahore → Almaty by SCAT in March (SCAT does not fly December to February).
 */
export const bookByCorridorExample = {
  corridor: 'trans-afghan',
  direction: 'forward',
  departureAt: '2026-12-16T06:00:00+05:00',
  consignee: 'Almaty Fruit Terminal LLP',
  cargo: {
    commodity: 'kinnow',
    hsCode: '0805.21',
    packages: 1200,
    weightKg: 18000,
    perishable: { minCelsius: 4, maxCelsius: 8, shelfLifeDays: 28 },
  },
};

export const bookShipmentExample = {
  consignee: 'Almaty Fruit Terminal LLP',
  corridor: 'air-lahore-almaty',
  cargo: {
    commodity: 'kinnow',
    hsCode: '0805.21',
    packages: 1200,
    weightKg: 18000,
    perishable: { minCelsius: 4, maxCelsius: 8, shelfLifeDays: 28 },
  },
  legs: [
    {
      mode: 'AIR',
      carrier: 'SCAT',
      from: { locode: 'PKLHE', name: 'Lahore' },
      to: { locode: 'KZALA', name: 'Almaty' },
      crossing: 'Lahore airport customs',
      plannedDeparture: '2027-03-10T06:00:00+05:00',
      plannedArrival: '2027-03-10T09:10:00+06:00',
    },
  ],
};

export const shipmentExample = {
  id: '6f1c4a52-4c0e-4a55-9d0a-0d7f8c1b2a11',
  trackingNumber: 'KZPK-7F3K-9Q2M',
  shipperId: 'shipper-3f9a21c0',
  status: 'BOOKED',
  ...bookShipmentExample,
  legs: bookShipmentExample.legs.map((leg, index) => ({ sequence: index + 1, ...leg })),
  bookedAt: '2027-03-08T08:00:00.000Z',
};
