import { carrierWriteSetScript, strideFor } from '../../bench/bounds/carrier-write-set.mjs';

describe('the carrier write set for pgbench', () => {
  it('names distinct shipments within one transaction, whatever the base', () => {
    for (const shipments of [100, 300, 2000, 7919, 7919 * 7907]) {
      const stride = strideFor(shipments, 100);
      for (const base of [0, 1, shipments - 1]) {
        const named = new Set(Array.from({ length: 100 }, (_, k) => (base + k * stride) % shipments));
        expect(named.size).toBe(100);
      }
    }
  });

  it('refuses a transaction larger than the table it locks', () => {
    expect(() => strideFor(50, 100)).toThrow(/100 shipments/);
  });

  it('gives pgbench no variables but :base and :shipments (it substitutes :name even inside literals)', () => {
    const script = carrierWriteSetScript(100, 2000);
    const variables = new Set([...script.matchAll(/:([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]));
    expect([...variables].sort()).toEqual(['base', 'shipments']);
  });

  it('writes each step once per transaction, for every event', () => {
    const script = carrierWriteSetScript(100, 2000);
    const statements = script.split('\n').filter((line) => line && !line.startsWith('\\'));
    expect(statements.map((s) => s.split(' ').slice(0, 2).join(' '))).toEqual([
      'BEGIN;',
      'SELECT id,',
      'INSERT INTO',
      'UPDATE shipments.shipments',
      'INSERT INTO',
      'END;',
    ]);
    expect(statements[1].match(/md5\(CAST\(mod/g)).toHaveLength(100);
    expect(statements[2].match(/gen_random_uuid\(\), CAST\(overlay\(overlay\(md5/g)).toHaveLength(100);
    expect(statements[3].match(/'IN_TRANSIT'/g)).toHaveLength(100);
    expect(statements[4].match(/'shipment\.border\.reached'/g)).toHaveLength(100);
  });
});
