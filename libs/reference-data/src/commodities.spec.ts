import { carryRange, findCommodity } from './commodities';
import { commodities } from './commodities.data';

describe('commodity catalogue', () => {
  it('finds a commodity by its HS subheading, whatever the name, and by name or alias otherwise', () => {
    expect(findCommodity({ commodity: 'citrus fruit, fresh', hsCode: '0805.21' })?.id).toBe('kinnow');
    expect(findCommodity({ commodity: 'x', hsCode: '080450' })?.id).toBe('mango');
    expect(findCommodity({ commodity: 'Chaunsa', hsCode: '0804' })?.id).toBe('mango');
    expect(findCommodity({ commodity: 'Cotton Yarn', hsCode: '5205' })?.id).toBe('cotton-yarn');
    expect(findCommodity({ commodity: 'machine parts', hsCode: '8483.40' })).toBeUndefined();
  });

  it('gives a known perishable its carry range, keeps the shipper’s own, and none for dry goods', () => {
    expect(carryRange({ commodity: 'kinnow', hsCode: '0805.21' })).toEqual({
      minCelsius: 4,
      maxCelsius: 8,
      shelfLifeDays: 28,
    });
    const own = { minCelsius: 5, maxCelsius: 7, shelfLifeDays: 20 };
    expect(carryRange({ commodity: 'kinnow', hsCode: '0805.21', perishable: own })).toBe(own);
    expect(carryRange({ commodity: 'wheat flour', hsCode: '1101.00' })).toBeUndefined();
  });

  it('keeps its data coherent: unique ids, aliases and HS codes, ranges the right way round, seasons as MM-DD', () => {
    const unique = (values: string[]) => new Set(values).size === values.length;
    expect(unique(commodities.map((c) => c.id))).toBe(true);
    expect(unique(commodities.map((c) => c.hsCode))).toBe(true);
    expect(unique(commodities.flatMap((c) => c.aliases))).toBe(true);
    for (const c of commodities) {
      expect(c.hsCode).toMatch(/^\d{4}\.\d{2}$/);
      if (c.perishable) {
        expect(c.perishable.minCelsius).toBeLessThanOrEqual(c.perishable.maxCelsius);
        expect(c.perishable.minHumidityPercent).toBeLessThanOrEqual(c.perishable.maxHumidityPercent);
      }
      if (c.season)
        expect([c.season.from, c.season.until]).toEqual([
          expect.stringMatching(/^\d\d-\d\d$/),
          expect.stringMatching(/^\d\d-\d\d$/),
        ]);
    }
  });
});
