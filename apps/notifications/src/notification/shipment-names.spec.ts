import type { EntityManager } from 'typeorm';
import { ShipmentNames } from './shipment-names';

/** A manager over an in-memory shipments table that counts its queries. */
function fakeManager() {
  const table = new Map<string, { trackingNumber: string; commodity: string; legs: unknown }>();
  const queries: string[] = [];
  const manager = {
    query: (sql: string, params: string[]) => {
      queries.push(sql.trim().split(/\s+/)[0]);
      if (sql.includes('INSERT')) {
        if (!table.has(params[0]))
          table.set(params[0], { trackingNumber: params[2], commodity: params[3], legs: JSON.parse(params[4]) });
        return Promise.resolve([]);
      }
      const row = table.get(params[0]);
      return Promise.resolve(row ? [row] : []);
    },
  } as unknown as EntityManager;
  return { manager, table, queries };
}

const booking = (shipmentId: string) => ({
  shipmentId,
  shipperId: 'p-1',
  trackingNumber: `KZPK-${shipmentId}`,
  commodity: 'kinnow',
  legs: [{ sequence: 1, mode: 'ROAD', from: { name: 'Lahore', locode: 'PKLHE' }, to: { name: 'Sost' } }],
});
const legs = [{ sequence: 1, from: { name: 'Lahore', locode: 'PKLHE' }, to: { name: 'Sost' } }];

describe('ShipmentNames', () => {
  it('writes a booking, its legs’ places only, and names its later events from memory', async () => {
    const { manager, table, queries } = fakeManager();
    const names = new ShipmentNames();
    const remembered = { trackingNumber: 'KZPK-s-1', commodity: 'kinnow', legs };
    await expect(names.remember(manager, booking('s-1'))).resolves.toEqual(remembered);
    expect(table.get('s-1')).toEqual(remembered);
    await expect(names.of(manager, 's-1')).resolves.toEqual(remembered);
    expect(queries).toEqual(['INSERT']);
  });

  it('reads a booking written by another instance once, and asks again about one not booked yet', async () => {
    const { manager, table, queries } = fakeManager();
    const names = new ShipmentNames();
    await expect(names.of(manager, 's-2')).resolves.toEqual({});
    table.set('s-2', { trackingNumber: 'KZPK-s-2', commodity: 'mango', legs: null });
    // Booked before legs were kept: no legs, so times stay in UTC.
    await expect(names.of(manager, 's-2')).resolves.toEqual({ trackingNumber: 'KZPK-s-2', commodity: 'mango' });
    await names.of(manager, 's-2');
    expect(queries).toEqual(['SELECT', 'SELECT']);
  });

  it('holds at most its bound, dropping the least recently used', async () => {
    const { manager, queries } = fakeManager();
    const names = new ShipmentNames(2);
    for (const id of ['a', 'b']) await names.remember(manager, booking(id));
    await names.of(manager, 'a'); // b is now the oldest
    await names.remember(manager, booking('c'));
    queries.length = 0;
    await names.of(manager, 'a');
    await names.of(manager, 'c');
    expect(queries).toEqual([]);
    await names.of(manager, 'b');
    expect(queries).toEqual(['SELECT']);
  });
});
