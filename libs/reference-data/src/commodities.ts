import { commodities, type CommodityData } from './commodities.data';

const digits = (hs: string) => hs.replace(/\./g, '');

/** How a perishable is carried, as a booked cargo keeps it (humidity when the catalogue knows it). */
export interface CarryRange {
  minCelsius: number;
  maxCelsius: number;
  minHumidityPercent?: number;
  maxHumidityPercent?: number;
  shelfLifeDays: number;
}

/**
 * The catalogue's entry for a cargo: by its HS subheading (the first six digits), else by the
 * commodity's name or an alias. Undefined for what the catalogue does not know.
 */
export function findCommodity(cargo: { commodity: string; hsCode: string }): CommodityData | undefined {
  const hs = digits(cargo.hsCode).slice(0, 6);
  const byCode = hs.length === 6 ? commodities.find((c) => digits(c.hsCode) === hs) : undefined;
  if (byCode) return byCode;
  const name = cargo.commodity.trim().toLowerCase();
  return commodities.find((c) => c.id === name || c.aliases.includes(name));
}

/**
 * How a cargo is carried: the shipper's own range when given (with the catalogue's humidity for a
 * commodity it knows, as shippers give temperatures only), else the catalogue's for a perishable it knows.
 */
export function carryRange<R extends CarryRange>(cargo: {
  commodity: string;
  hsCode: string;
  perishable?: R;
}): CarryRange | undefined {
  const known = findCommodity(cargo)?.perishable;
  const humidity = known
    ? { minHumidityPercent: known.minHumidityPercent, maxHumidityPercent: known.maxHumidityPercent }
    : {};
  if (cargo.perishable)
    return cargo.perishable.minHumidityPercent === undefined && known
      ? { ...cargo.perishable, ...humidity }
      : cargo.perishable;
  return known
    ? { minCelsius: known.minCelsius, maxCelsius: known.maxCelsius, ...humidity, shelfLifeDays: known.shelfLifeDays }
    : undefined;
}

/**
 * The HS headings (first four digits) of the catalogue's perishables — 0804 (mangoes, guavas, dates …)
 * and 0805 (citrus): fresh fruit of those headings is perishable though the catalogue does not list it
 * (lemons, 0805.50), as customs' green channel and phytosanitary rule have always read them.
 */
const PERISHABLE_HEADINGS: ReadonlySet<string> = new Set(
  commodities.filter((c) => c.perishable).map((c) => digits(c.hsCode).slice(0, 4)),
);

/**
 * Whether a cargo is perishable, decided one way for every service: the shipper gave a carry range
 * (or booking filled it from the catalogue), the catalogue knows it as a perishable, or its HS code
 * falls under a perishable's heading. Shipments' reefer watch, customs' 12 h clearance SLA, its green
 * channel (never for perishables) and its phytosanitary rule all ask this.
 */
export function isPerishable(cargo: { commodity?: string; hsCode: string; perishable?: object | null }): boolean {
  if (cargo.perishable) return true;
  if (PERISHABLE_HEADINGS.has(digits(cargo.hsCode).slice(0, 4))) return true;
  return findCommodity({ commodity: cargo.commodity ?? '', hsCode: cargo.hsCode })?.perishable !== undefined;
}
