import { randomBytes } from 'node:crypto';

/** A kinnow booking Lahore → Almaty by air (SCAT): the smallest realistic shipment. Override what a test is about. */
export function kinnowByAir(overrides: Record<string, unknown> = {}) {
  return {
    shipperId: `shipper-bhalwal-${randomBytes(3).toString('hex')}`,
    consignee: 'Almaty Fruit Terminal LLP',
    corridor: 'air-lahore-almaty',
    cargo: {
      commodity: 'kinnow',
      hsCode: '0805.21',
      packages: 1200,
      weightKg: 18000,
      perishable: { minCelsius: 4, maxCelsius: 8, shelfLifeDays: 28 },
    },
    legs: [
      {
        mode: 'AIR',
        carrier: 'SCAT',
        from: { locode: 'PKLHE', name: 'Lahore' },
        to: { locode: 'KZALA', name: 'Almaty' },
        crossing: 'Lahore airport customs',
      },
    ],
    ...overrides,
  };
}

export async function postJson(url: string, body: unknown): Promise<{ status: number; body: any; contentType: string | null }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, body: await response.json(), contentType: response.headers.get('content-type') };
}

export async function getJson(url: string): Promise<{ status: number; body: any }> {
  const response = await fetch(url);
  return { status: response.status, body: await response.json() };
}
