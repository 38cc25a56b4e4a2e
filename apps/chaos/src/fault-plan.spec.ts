import { FAULT_KINDS, planFaults } from './fault-plan';
import { seededRandom } from './random';

describe('planFaults', () => {
  it('plans every fault kind once per round, spread over the drive in increasing order', () => {
    const plan = planFaults(3, seededRandom(7));
    expect(plan).toHaveLength(3 * FAULT_KINDS.length);
    for (const kind of FAULT_KINDS) expect(plan.filter((f) => f.kind === kind)).toHaveLength(3);
    // Each round holds every kind: a round is a permutation.
    for (let round = 0; round < 3; round++)
      expect(new Set(plan.slice(round * 6, round * 6 + 6).map((f) => f.kind)).size).toBe(6);
    const at = plan.map((f) => f.at);
    expect(at[0]).toBeGreaterThan(0);
    expect(at[at.length - 1]).toBeLessThan(1);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(new Set(at).size).toBe(at.length);
  });

  it('gives the same plan for the same seed and another order for another seed', () => {
    const kinds = (seed: number) => planFaults(2, seededRandom(seed)).map((f) => f.kind);
    expect(kinds(42)).toEqual(kinds(42));
    expect([1, 2, 3, 4, 5].map((seed) => kinds(seed).join()).some((order) => order !== kinds(42).join())).toBe(true);
  });
});
