import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FAULT_POINT_NAMES } from './faults';

describe('fault points', () => {
  it("are each named in the README's FAULT_POINTS row, so a crash test's point can be looked up", () => {
    const readme = readFileSync(join(__dirname, '../../../README.md'), 'utf8');
    const row = readme.split('\n').find((line) => line.startsWith('| `FAULT_POINTS` |')) ?? '';
    for (const point of FAULT_POINT_NAMES)
      expect({ point, documented: row.includes(`\`${point}\``) }).toEqual({ point, documented: true });
  });
});
