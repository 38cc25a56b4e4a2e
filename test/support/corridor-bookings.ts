/** Karachi → Torkham (NLC), Torkham → Kabul (TCS, cleared at Torkham), Kabul → Almaty (NLC): kinnow at 4–8 °C. */
export function kinnowTransAfghan(overrides: Record<string, unknown> = {}) {
  return {
    consignee: 'Almaty Fruit Terminal LLP',
    cargo: {
      commodity: 'kinnow',
      hsCode: '0805.21',
      packages: 1200,
      weightKg: 18000,
      perishable: { minCelsius: 4, maxCelsius: 8, shelfLifeDays: 28 },
    },
    legs: [
      {
        mode: 'ROAD',
        carrier: 'NLC',
        from: { locode: 'PKKHI', name: 'Karachi' },
        to: { locode: 'PKTOR', name: 'Torkham' },
      },
      {
        mode: 'ROAD',
        carrier: 'TCS',
        from: { locode: 'PKTOR', name: 'Torkham' },
        to: { locode: 'AFKBL', name: 'Kabul' },
        crossing: 'Torkham',
      },
      {
        mode: 'ROAD',
        carrier: 'NLC',
        from: { locode: 'AFKBL', name: 'Kabul' },
        to: { locode: 'KZALA', name: 'Almaty' },
      },
    ],
    ...overrides,
  };
}

let counter = 0;

/**
 * A carrier event with a fresh carrier event id; `at` is hours after 2026-11-20 (well in the past of any
 * test clock).
 */
export function carrierEvent(
  shipmentId: string,
  leg: number,
  kind: string,
  at: number,
  extra: Record<string, unknown> = {},
) {
  counter += 1;
  return {
    eventId: `EV-${process.pid}-${Date.now().toString(36)}-${counter}`,
    shipmentId,
    leg,
    kind,
    occurredAt: new Date(Date.parse('2026-11-20T00:00:00Z') + at * 3600_000).toISOString(),
    ...extra,
  };
}
