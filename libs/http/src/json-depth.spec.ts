import { deeperThan } from './json-depth';

const nest = (levels: number): unknown => (levels === 0 ? 1 : { a: [nest(levels - 1)] });

describe('deeperThan', () => {
  it('measures objects and arrays as levels', () => {
    expect(deeperThan({ a: 1 }, 1)).toBe(false);
    expect(deeperThan({ a: { b: 1 } }, 1)).toBe(true);
    expect(deeperThan([[[]]], 3)).toBe(false);
    expect(deeperThan([[[[]]]], 3)).toBe(true);
  });

  it('walks 100 000 levels without overflowing the stack', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(deeperThan(deep, 32)).toBe(true);
    expect(deeperThan(nest(10), 32)).toBe(false);
  });
});
