import { closureOnRoute, findCommodity, inSeason, legsFor, type CommodityData } from '@lib/reference-data';

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

type Cargo = ShipmentScenario['cargo'];

const kinnow: Cargo = {
  commodity: 'kinnow',
  hsCode: '0805.21',
  packages: 1200,
  weightKg: 18000,
  perishable: { minCelsius: 4, maxCelsius: 8, shelfLifeDays: 28 },
};
const mango: Cargo = {
  commodity: 'mango',
  hsCode: '0804.50',
  packages: 600,
  weightKg: 9000,
  perishable: { minCelsius: 10, maxCelsius: 13, shelfLifeDays: 21 },
};
/** Between the seasons (October to mid-December, April): other citrus, fresh fruit under phytosanitary control. */
const oranges: Cargo = {
  commodity: 'oranges',
  hsCode: '0805.10',
  packages: 1000,
  weightKg: 16000,
  perishable: { minCelsius: 3, maxCelsius: 9, shelfLifeDays: 35 },
};
const wheatFlour: Cargo = { commodity: 'wheat flour', hsCode: '1101.00', packages: 400, weightKg: 20000 };
const cotton: Cargo = { commodity: 'cotton yarn', hsCode: '5205.12', packages: 300, weightKg: 15000 };

/**
 * How long before now a `lateFirstLeg` shipment is booked to have been handed over (apps/simulator/src/
 * shipment-run.ts): the first crossing's typical dwell, then three times the first leg's p90 travel — past
 * shipments' overdue watch (its predicted upper bound after the departure), so the leg is overdue at once.
 */
export function lateFirstLegLeadMs(corridor: string, direction: 'forward' | 'reverse'): number {
  const [first] = legsFor(corridor, direction);
  return Math.ceil(first.dwell.typicalHours + 3 * first.travel.p90Hours) * 3600_000;
}

/** Whether `at` falls in a commodity's export season. */
function exported(commodity: CommodityData | undefined, at: Date): boolean {
  return commodity?.season !== undefined && inSeason(commodity.season, at);
}

/**
 * The fresh fruit Pakistan exports at `at`, by the commodity catalogue's seasons: kinnow in winter,
 * mango in summer, other citrus in between (the catalogue gives oranges no season: they keep in store).
 */
export function freshFruitAt(at: Date): Cargo {
  return [kinnow, mango].find((fruit) => exported(findCommodity(fruit), at)) ?? oranges;
}

/** What moves on each corridor (DOMAIN.md), in order of preference: the corridors it may take instead when closed. */
interface Template {
  corridors: string[];
  cargo: 'fruit' | Cargo;
  trouble: ShipmentScenario['trouble'];
}

/**
 * The seed corridors with the cargo that moves on them (DOMAIN.md): fruit Lahore → Almaty by air and
 * Karachi → Almaty through Afghanistan, Kazakh flour Almaty → Karachi → Jebel Ali, fruit Islamabad →
 * Kashgar → Almaty on the Karakoram Highway (in season), flour Aktau → Turkmenistan → Chaman → Gwadar,
 * cotton yarn on the Caspian / Iran route; the first of each kind carries the trouble.
 */
const TEMPLATES: Template[] = [
  { corridors: ['trans-afghan'], cargo: 'fruit', trouble: { missingPhytosanitary: true, duplicatesAndLate: true } },
  { corridors: ['air-lahore-almaty', 'trans-afghan'], cargo: 'fruit', trouble: { lateFirstLeg: true } },
  { corridors: ['kz-karachi-dubai'], cargo: wheatFlour, trouble: {} },
  { corridors: ['karakoram-highway', 'caspian-iran'], cargo: 'fruit', trouble: { reeferExcursion: true } },
  { corridors: ['west-kz-balochistan'], cargo: wheatFlour, trouble: {} },
  { corridors: ['caspian-iran'], cargo: cotton, trouble: {} },
];

/** Open both ways for cargo handed over at `at` (the rounds after the first run in reverse too). */
function openAt(corridor: string, at: Date): boolean {
  return !closureOnRoute(corridor, 'forward', at) && !closureOnRoute(corridor, 'reverse', at);
}

/**
 * One shipment per template for cargo handed over at `at`: the season's fruit, on the first of the
 * template's corridors open then (never Khunjerab in winter, nor SCAT's suspended flights). A trouble
 * whose corridor or cargo cannot show it (a reefer excursion needs perishable cargo) moves to the first
 * scenario that can.
 */
export function seasonalScenarios(at: Date): ShipmentScenario[] {
  const fruit = freshFruitAt(at);
  const chosen = TEMPLATES.flatMap((t) => {
    const corridor = t.corridors.find((c) => openAt(c, at));
    return corridor ? [{ corridor, cargo: t.cargo === 'fruit' ? fruit : t.cargo, trouble: t.trouble }] : [];
  });
  const fits: Record<keyof ShipmentScenario['trouble'], (s: (typeof chosen)[number]) => boolean> = {
    missingPhytosanitary: (s) => s.cargo === fruit,
    duplicatesAndLate: () => true,
    lateFirstLeg: () => true,
    reeferExcursion: (s) => s.cargo.perishable !== undefined,
  };
  const scenarios: ShipmentScenario[] = chosen.map((s) => ({ ...s, direction: 'forward', trouble: {} }));
  chosen.forEach((s, i) => {
    for (const key of Object.keys(s.trouble) as (keyof ShipmentScenario['trouble'])[]) {
      const target = fits[key](s) ? i : chosen.findIndex(fits[key]);
      if (target >= 0) scenarios[target].trouble = { ...scenarios[target].trouble, [key]: true };
    }
  });
  return scenarios;
}

/** The demo's date (infra/demo.mjs, apps/chaos: 1 June 2026, 06:00 in Pakistan): mango season, all corridors open. */
export const DEMO_EPOCH = new Date('2026-06-01T01:00:00Z');

/** One shipment per corridor as the demo runs them (the end-to-end test drives these). */
export const CORRIDOR_SCENARIOS: ShipmentScenario[] = seasonalScenarios(DEMO_EPOCH);

/**
 * `count` shipments for cargo handed over at `at` (the simulated now), cycling over the season's
 * scenarios; after the first round, in both directions where the corridor is open both ways, without trouble.
 */
export function scenarios(count: number, at: Date = DEMO_EPOCH): ShipmentScenario[] {
  const season = seasonalScenarios(at);
  return Array.from({ length: count }, (_, i) => {
    const base = season[i % season.length];
    if (i < season.length) return base;
    return { ...base, direction: Math.floor(i / season.length) % 2 ? 'reverse' : 'forward', trouble: {} };
  });
}
