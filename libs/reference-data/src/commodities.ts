import { commodities, type CommodityData } from './commodities.data';

const digits = (hs: string) => hs.replace(/\./g, '');

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

/** How a cargo is carried: the shipper's own range when given, else the catalogue's for a perishable it knows. */
export function carryRange<R extends { minCelsius: number; maxCelsius: number; shelfLifeDays: number }>(cargo: {
  commodity: string;
  hsCode: string;
  perishable?: R;
}): { minCelsius: number; maxCelsius: number; shelfLifeDays: number } | undefined {
  if (cargo.perishable) return cargo.perishable;
  const perishable = findCommodity(cargo)?.perishable;
  return perishable
    ? { minCelsius: perishable.minCelsius, maxCelsius: perishable.maxCelsius, shelfLifeDays: perishable.shelfLifeDays }
    : undefined;
}
