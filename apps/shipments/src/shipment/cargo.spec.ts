import { cargoToCarry } from './cargo';

const kinnow = { commodity: 'kinnow', hsCode: '0805.21', packages: 1200, weightKg: 18000 };

describe('cargo as booked', () => {
  it('gives catalogued perishables their range and leaves the rest as given', () => {
    expect(cargoToCarry(kinnow)).toEqual({
      ...kinnow,
      perishable: { minCelsius: 4, maxCelsius: 8, minHumidityPercent: 85, maxHumidityPercent: 90, shelfLifeDays: 28 },
    });
    // The shipper's temperatures and shelf life stand; the catalogue adds the humidity shippers do not give.
    const own = { ...kinnow, perishable: { minCelsius: 5, maxCelsius: 6, shelfLifeDays: 21 } };
    expect(cargoToCarry(own)).toEqual({
      ...own,
      perishable: { ...own.perishable, minHumidityPercent: 85, maxHumidityPercent: 90 },
    });
    const yarn = { commodity: 'cotton yarn', hsCode: '5205.12', packages: 400, weightKg: 16000 };
    expect(cargoToCarry(yarn)).toBe(yarn);
  });
});
