import { carryRange, findCommodity, isPerishable } from './commodities';
import { commodities } from './commodities.data';

describe('commodity catalogue', () => {
  it('finds a commodity by its HS subheading, whatever the name, and by name or alias otherwise', () => {
    expect(findCommodity({ commodity: 'citrus fruit, fresh', hsCode: '0805.21' })?.id).toBe('kinnow');
    expect(findCommodity({ commodity: 'x', hsCode: '080450' })?.id).toBe('mango');
    expect(findCommodity({ commodity: 'Chaunsa', hsCode: '0804' })?.id).toBe('mango');
    expect(findCommodity({ commodity: 'Cotton Yarn', hsCode: '5205' })?.id).toBe('cotton-yarn');
    expect(findCommodity({ commodity: 'machine parts', hsCode: '8483.40' })).toBeUndefined();
  });

  it('gives a known perishable its range with humidity, a shipper’s own range its humidity, dry goods none', () => {
    expect(carryRange({ commodity: 'kinnow', hsCode: '0805.21' })).toEqual({
      minCelsius: 4,
      maxCelsius: 8,
      minHumidityPercent: 85,
      maxHumidityPercent: 90,
      shelfLifeDays: 28,
    });
    const own = { minCelsius: 5, maxCelsius: 7, shelfLifeDays: 20 };
    expect(carryRange({ commodity: 'kinnow', hsCode: '0805.21', perishable: own })).toEqual({
      ...own,
      minHumidityPercent: 85,
      maxHumidityPercent: 90,
    });
    const apples = { minCelsius: 0, maxCelsius: 4, shelfLifeDays: 60 };
    expect(carryRange({ commodity: 'apples', hsCode: '0808.10', perishable: apples })).toBe(apples);
    expect(carryRange({ commodity: 'wheat flour', hsCode: '1101.00' })).toBeUndefined();
  });

  it('decides perishability one way: a carry range, a catalogued perishable, or fresh fruit of its heading', () => {
    expect(isPerishable({ commodity: 'kinnow', hsCode: '0805.21' })).toBe(true);
    expect(isPerishable({ commodity: 'mango', hsCode: '0804' })).toBe(true);
    expect(isPerishable({ commodity: 'chaunsa', hsCode: '9999' })).toBe(true);
    expect(isPerishable({ commodity: 'lemons', hsCode: '0805.50' })).toBe(true);
    expect(isPerishable({ commodity: 'dates', hsCode: '080410' })).toBe(true);
    expect(isPerishable({ commodity: 'apples', hsCode: '0808.10', perishable: { minCelsius: 0 } })).toBe(true);
    expect(isPerishable({ commodity: 'apples', hsCode: '0808.10', perishable: null })).toBe(false);
    expect(isPerishable({ commodity: 'wheat flour', hsCode: '1101.00' })).toBe(false);
    expect(isPerishable({ commodity: 'cotton yarn', hsCode: '5205.12' })).toBe(false);
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
