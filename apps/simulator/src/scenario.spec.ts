import { closureOnRoute, listCorridors } from '@lib/reference-data';
import { CORRIDOR_SCENARIOS, freshFruitAt, scenarios, seasonalScenarios, type ShipmentScenario } from './scenario';

const troubled = (list: ShipmentScenario[], key: keyof ShipmentScenario['trouble']) =>
  list.filter((s) => s.trouble[key]).map((s) => `${s.corridor} ${s.cargo.commodity}`);

describe('scenarios follow the season', () => {
  it('moves mango in summer on every corridor, the demo’s date (1 June 2026)', () => {
    const june = seasonalScenarios(new Date('2026-06-01T01:00:00Z'));
    expect(june.map((s) => s.corridor).sort()).toEqual(
      listCorridors()
        .map((c) => c.id)
        .sort(),
    );
    expect(june.filter((s) => s.cargo.perishable).map((s) => s.cargo.commodity)).toEqual(['mango', 'mango', 'mango']);
    expect(troubled(june, 'missingPhytosanitary')).toEqual(['trans-afghan mango']);
    expect(troubled(june, 'lateFirstLeg')).toEqual(['air-lahore-almaty mango']);
    expect(troubled(june, 'reeferExcursion')).toEqual(['karakoram-highway mango']);
    expect(troubled(june, 'duplicatesAndLate')).toEqual(['trans-afghan mango']);
    expect(CORRIDOR_SCENARIOS).toEqual(june);
  });

  it('moves kinnow in winter, never over Khunjerab nor on SCAT’s suspended flights, and keeps every trouble', () => {
    const january = new Date('2027-01-15T06:00:00Z');
    const winter = seasonalScenarios(january);
    const corridors = winter.map((s) => s.corridor);
    expect(corridors).not.toContain('karakoram-highway');
    expect(corridors).not.toContain('air-lahore-almaty');
    for (const s of scenarios(24, january))
      expect({ s: `${s.corridor} ${s.direction}`, closed: closureOnRoute(s.corridor, s.direction, january) }).toEqual({
        s: `${s.corridor} ${s.direction}`,
        closed: undefined,
      });
    expect(winter.filter((s) => s.cargo.perishable).map((s) => s.cargo.commodity)).toEqual([
      'kinnow',
      'kinnow',
      'kinnow',
    ]);
    expect(troubled(winter, 'missingPhytosanitary')).toEqual(['trans-afghan kinnow']);
    expect(troubled(winter, 'reeferExcursion')).toEqual(['caspian-iran kinnow']);
    // No flight: the late first leg goes by road, the template's next corridor.
    expect(troubled(winter, 'lateFirstLeg')).toEqual(['trans-afghan kinnow']);
  });

  it('falls back to other citrus between the kinnow and mango seasons, phytosanitary trouble included', () => {
    const november = new Date('2026-11-10T00:00:00Z');
    expect(freshFruitAt(november).commodity).toBe('oranges');
    expect(troubled(seasonalScenarios(november), 'missingPhytosanitary')).toEqual(['trans-afghan oranges']);
    expect(freshFruitAt(new Date('2027-03-20T00:00:00Z')).commodity).toBe('kinnow');
    expect(freshFruitAt(new Date('2027-08-20T00:00:00Z')).commodity).toBe('mango');
  });

  it('cycles over the season’s scenarios, in both directions after the first round, without trouble', () => {
    const at = new Date('2026-06-01T01:00:00Z');
    const list = scenarios(14, at);
    expect(list.slice(0, 6)).toEqual(seasonalScenarios(at));
    expect(list.slice(6, 12).every((s) => s.direction === 'reverse' && Object.keys(s.trouble).length === 0)).toBe(true);
    expect(list[12]).toMatchObject({ direction: 'forward', trouble: {} });
  });
});
