/** A kinnow booking Lahore → Almaty by air (SCAT): the smallest realistic shipment. Override what a test is about. */
export function kinnowByAir(overrides: Record<string, unknown> = {}) {
  return {
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

export interface Caller {
  authorization: string;
}

export async function postJson(
  url: string,
  body: unknown,
  caller?: Caller,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: any; contentType: string | null; headers: Headers }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(caller ? { authorization: caller.authorization } : {}),
      ...headers,
    },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    body: await response.json(),
    contentType: response.headers.get('content-type'),
    headers: response.headers,
  };
}

export async function getJson(url: string, caller?: Caller): Promise<{ status: number; body: any }> {
  const response = await fetch(url, { headers: caller ? { authorization: caller.authorization } : {} });
  return { status: response.status, body: await response.json() };
}
