import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { seededRandom } from './random';
import { acceptedEventIds, retryingClient } from './retrying-client';

type Step = (req: IncomingMessage, res: ServerResponse, body: string) => void;

/**
 * A local HTTP server answering each request with the next scripted step (the last
 * one repeats); it records what it was sent.
 */
async function scripted(steps: Step[]) {
  const seen: { headers: IncomingMessage['headers']; body: string }[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      seen.push({ headers: req.headers, body });
      // The last step repeats.
      (steps.length > 1 ? steps.shift()! : steps[0])(req, res, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

const json =
  (status: number, body: unknown, headers: Record<string, string> = {}): Step =>
  (_req, res) =>
    res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
const hangUp: Step = (req) => req.socket.destroy();
const policy = { attemptTimeoutMs: 2_000, giveUpAfterMs: 5_000, baseDelayMs: 1, maxDelayMs: 5 };
const caller = { authorization: 'Bearer key_x.y' };

describe('retryingClient', () => {
  it('retries a booking (same Idempotency-Key and body) through a hang-up, 503, 409 in flight and 429', async () => {
    const server = await scripted([
      hangUp,
      json(503, { title: 'unavailable' }),
      json(409, { code: 'IDEMPOTENCY_KEY_IN_FLIGHT' }),
      json(429, { title: 'slow down' }, { 'retry-after': '0' }),
      json(201, { id: 'ship-1' }),
    ]);
    try {
      const { send, ledger } = retryingClient(policy, seededRandom(1));
      const answer = await send('POST', `${server.url}/v1/shipments`, caller, { corridor: 'trans-afghan' });
      expect(answer).toEqual({ status: 201, body: { id: 'ship-1' }, retried: true });
      expect(server.seen).toHaveLength(5);
      const keys = new Set(server.seen.map((s) => s.headers['idempotency-key']));
      expect(keys.size).toBe(1);
      expect([...keys][0]).toMatch(/^chaos-/);
      expect(new Set(server.seen.map((s) => s.body))).toEqual(new Set([JSON.stringify({ corridor: 'trans-afghan' })]));
      expect(ledger.retries).toEqual({ network: 1, 'server error': 1, 'key in flight': 1, 'rate limited': 1 });
      expect(ledger.bookingKeys).toEqual(keys);
      expect([...ledger.bookedIds]).toEqual(['ship-1']);
    } finally {
      await server.close();
    }
  });

  it('keys each new request but no carrier event; those count as accepted on 201 or a 200 duplicate', async () => {
    const server = await scripted([
      json(201, { outcome: 'accepted' }),
      json(500, {}),
      json(200, { outcome: 'duplicate' }),
      json(409, { code: 'AWAITING_CLEARANCE' }),
      json(200, {}),
      json(200, {}),
    ]);
    try {
      const { send, ledger } = retryingClient(policy, seededRandom(2));
      await send('POST', `${server.url}/v1/carrier-events`, caller, { eventId: 'e1' });
      const again = await send('POST', `${server.url}/v1/carrier-events`, caller, { eventId: 'e2' });
      expect(again).toMatchObject({ status: 200, retried: true });
      const refused = await send('POST', `${server.url}/v1/carrier-events`, caller, { eventId: 'e3' });
      expect(refused.status).toBe(409);
      expect(server.seen.slice(0, 4).every((s) => s.headers['idempotency-key'] === undefined)).toBe(true);
      expect(acceptedEventIds(ledger).sort()).toEqual(['e1', 'e2']);

      await send('POST', `${server.url}/v1/declarations/d/documents`, caller, { type: 'invoice' });
      await send('POST', `${server.url}/v1/declarations/d/documents`, caller, { type: 'invoice' });
      const [first, second] = server.seen.slice(4).map((s) => s.headers['idempotency-key']);
      expect(first).toMatch(/^chaos-/);
      expect(second).not.toBe(first);
    } finally {
      await server.close();
    }
  });

  it('returns a final 4xx at once and gives up, saying so, when no final answer comes in time', async () => {
    const server = await scripted([json(422, { errors: [] }), json(503, {})]);
    try {
      const { send, ledger } = retryingClient(
        { ...policy, giveUpAfterMs: 50, baseDelayMs: 10, maxDelayMs: 10 },
        seededRandom(3),
      );
      await expect(send('POST', `${server.url}/v1/shipments`, caller, {})).resolves.toMatchObject({
        status: 422,
        retried: false,
      });
      await expect(send('GET', `${server.url}/v1/shipments/x`, caller)).rejects.toThrow(
        /no final answer to GET \/v1\/shipments\/x/,
      );
      expect(ledger.gaveUp).toHaveLength(1);
      expect(ledger.requests).toBe(2);
    } finally {
      await server.close();
    }
  });
});
