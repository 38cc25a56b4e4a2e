/** What the simulator does to one shipment: a corridor, a direction, the cargo and its trouble. */
export interface ShipmentScenario {
  corridor: string;
  direction: 'forward' | 'reverse';
  cargo: {
    commodity: string;
    hsCode: string;
    packages: number;
    weightKg: number;
    perishable?: { minCelsius: number; maxCelsius: number; shelfLifeDays: number };
  };
  trouble: {
    /**
     * The phytosanitary certificate is not attached before the first crossing
     * that asks for it: customs holds the cargo.
     */
    missingPhytosanitary?: boolean;
    /** Booked to have left hours ago: the first leg is overdue at once (shipment.leg.delayed). */
    lateFirstLeg?: boolean;
    /** The reefer reads outside its range on the first leg. */
    reeferExcursion?: boolean;
    /** Posts repeated (same event id) and a late, out-of-order event. */
    duplicatesAndLate?: boolean;
  };
}

const kinnow = {
  commodity: 'kinnow',
  hsCode: '0805.21',
  packages: 1200,
  weightKg: 18000,
  perishable: { minCelsius: 4, maxCelsius: 8, shelfLifeDays: 28 },
};
const mango = {
  commodity: 'mango',
  hsCode: '0804.50',
  packages: 600,
  weightKg: 9000,
  perishable: { minCelsius: 10, maxCelsius: 13, shelfLifeDays: 21 },
};
const wheatFlour = { commodity: 'wheat flour', hsCode: '1101.00', packages: 400, weightKg: 20000 };
const cotton = { commodity: 'cotton yarn', hsCode: '5205.12', packages: 300, weightKg: 15000 };

/**
 * The seed corridors with the cargo that moves on them (DOMAIN.md): kinnow Lahore → Almaty by air
 * and Karachi → Almaty through Afghanistan, Kazakh flour Almaty → Karachi → Jebel Ali, Islamabad →
 * Kashgar → Almaty on the Karakoram Highway (in season), Aktau → Turkmenistan → Chaman → Gwadar,
 * and the Caspian / Iran route; the first of each kind carries the trouble.
 */
export const CORRIDOR_SCENARIOS: ShipmentScenario[] = [
  {
    corridor: 'trans-afghan',
    direction: 'forward',
    cargo: kinnow,
    trouble: { missingPhytosanitary: true, duplicatesAndLate: true },
  },
  { corridor: 'air-lahore-almaty', direction: 'forward', cargo: kinnow, trouble: { lateFirstLeg: true } },
  { corridor: 'kz-karachi-dubai', direction: 'forward', cargo: wheatFlour, trouble: {} },
  { corridor: 'karakoram-highway', direction: 'forward', cargo: mango, trouble: { reeferExcursion: true } },
  { corridor: 'west-kz-balochistan', direction: 'forward', cargo: wheatFlour, trouble: {} },
  { corridor: 'caspian-iran', direction: 'forward', cargo: cotton, trouble: {} },
];

/** `count` shipments cycling over the corridors; after the first round, in both directions, without trouble. */
export function scenarios(count: number): ShipmentScenario[] {
  return Array.from({ length: count }, (_, i) => {
    const base = CORRIDOR_SCENARIOS[i % CORRIDOR_SCENARIOS.length];
    if (i < CORRIDOR_SCENARIOS.length) return base;
    return { ...base, direction: Math.floor(i / CORRIDOR_SCENARIOS.length) % 2 ? 'reverse' : 'forward', trouble: {} };
  });
}
