/**
 * The commodities shippers on these corridors book most, as data: HS code, how a perishable is
 * carried (temperature and relative humidity) and how long it keeps, and its export season.
 * Sources: carry ranges and shelf lives of kinnow and mango from DOMAIN.md (its Perishables table);
 * sweet orange from the USDA Agriculture Handbook 66, "The Commercial Storage of Fruits, Vegetables,
 * and Florist and Nursery Stocks" (2016); seasons as Pakistan's export seasons are usually reported
 * (kinnow mid-December to March, mango May to September). HS codes: the Harmonized System 2022
 * subheadings. Dry goods carry no range: they need no reefer.
 */
export interface CommodityData {
  id: string;
  name: string;
  /** Other names shippers write in `cargo.commodity` (matched case-insensitively). */
  aliases: string[];
  /** HS subheading, `NNNN.NN`. */
  hsCode: string;
  perishable?: {
    minCelsius: number;
    maxCelsius: number;
    /** Relative humidity to carry it at, per cent. */
    minHumidityPercent: number;
    maxHumidityPercent: number;
    /** Days it keeps when carried in its range (a typical figure inside the source's span). */
    shelfLifeDays: number;
  };
  /** When it is exported (`MM-DD`, end exclusive; may wrap the new year). */
  season?: { from: string; until: string };
}

export const commodities: CommodityData[] = [
  {
    id: 'kinnow',
    name: 'Kinnow (mandarin)',
    aliases: ['kinnow', 'kinnow oranges', 'mandarin', 'mandarins'],
    hsCode: '0805.21',
    // DOMAIN.md: 4–8 °C (chilling injury below ~4 °C), ~90 % RH, 2–6 weeks.
    perishable: { minCelsius: 4, maxCelsius: 8, minHumidityPercent: 85, maxHumidityPercent: 90, shelfLifeDays: 28 },
    season: { from: '12-15', until: '04-01' },
  },
  {
    id: 'mango',
    name: 'Mango',
    aliases: ['mango', 'mangoes', 'chaunsa', 'sindhri'],
    hsCode: '0804.50',
    // DOMAIN.md: 10–14 °C (12–13 °C typical), 80–90 % RH, 10–15 days.
    perishable: { minCelsius: 10, maxCelsius: 14, minHumidityPercent: 80, maxHumidityPercent: 90, shelfLifeDays: 12 },
    season: { from: '05-01', until: '10-01' },
  },
  {
    id: 'orange',
    name: 'Oranges (other citrus)',
    aliases: ['orange', 'oranges', 'sweet orange', 'citrus'],
    hsCode: '0805.10',
    // USDA Agriculture Handbook 66: sweet orange 3–9 °C (by growing region), 85–90 % RH, 3–8 weeks.
    perishable: { minCelsius: 3, maxCelsius: 9, minHumidityPercent: 85, maxHumidityPercent: 90, shelfLifeDays: 35 },
  },
  { id: 'wheat-flour', name: 'Wheat flour', aliases: ['flour', 'wheat flour', 'atta'], hsCode: '1101.00' },
  { id: 'cotton-yarn', name: 'Cotton yarn', aliases: ['cotton yarn', 'yarn'], hsCode: '5205.12' },
  { id: 'wheat', name: 'Wheat', aliases: ['wheat', 'milling wheat'], hsCode: '1001.99' },
];
