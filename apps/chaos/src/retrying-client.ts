import { randomUUID } from 'node:crypto';
import type { Answer, AnswerBody, Send } from '../../simulator/src/simulator.http';
import type { Random } from './random';

/** Why an attempt was repeated: what a real client treats as "no final answer yet". */
type RetryReason = 'network' | 'server error' | 'key in flight' | 'rate limited';

interface RetryPolicy {
  /** One attempt may take this long before it is abandoned (and retried). */
  attemptTimeoutMs: number;
  /** No final answer after this long: the client gives up and says so. */
  giveUpAfterMs: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

/** What the clients sent and were finally told, for the summary. */
export interface ClientLedger {
  requests: number;
  attempts: number;
  retries: Record<RetryReason, number>;
  gaveUp: string[];
  /** Idempotency-Keys sent with bookings (POST /v1/shipments), whatever the answer. */
  bookingKeys: Set<string>;
  /** Shipment ids the booking answers named. */
  bookedIds: Set<string>;
  /** Every carrier event posted, by its eventId: the final answer. */
  carrierEvents: Map<string, { status: number; outcome?: string }>;
}

export function newLedger(): ClientLedger {
  return {
    requests: 0,
    attempts: 0,
    retries: { network: 0, 'server error': 0, 'key in flight': 0, 'rate limited': 0 },
    gaveUp: [],
    bookingKeys: new Set(),
    bookedIds: new Set(),
    carrierEvents: new Map(),
  };
}

/** A carrier event counts as accepted when it was stored: 201, or 200 duplicate (an earlier attempt stored it). */
export function acceptedEventIds(ledger: ClientLedger): string[] {
  return [...ledger.carrierEvents]
    .filter(([, a]) => a.status === 201 || (a.status === 200 && a.outcome === 'duplicate'))
    .map(([id]) => id);
}

function retryReason(answer: Answer): RetryReason | undefined {
  if (answer.status >= 500) return 'server error';
  if (answer.status === 429) return 'rate limited';
  if (answer.status === 409 && answer.body?.code === 'IDEMPOTENCY_KEY_IN_FLIGHT') return 'key in flight';
  return undefined;
}

/**
 * HTTP as a careful client speaks it: every POST carries an Idempotency-Key of its own (carrier
 * events rely on their stable `eventId` instead), and a request without a final answer — network
 * error, timeout, 5xx, 429, 409 IDEMPOTENCY_KEY_IN_FLIGHT — is sent again with the same key and the
 * same body after an exponential, jittered backoff (Retry-After honoured), until a final answer or
 * `giveUpAfterMs`.
 */
export function retryingClient(
  policy: RetryPolicy,
  random: Random,
  ledger: ClientLedger = newLedger(),
): { send: Send; ledger: ClientLedger } {
  const send: Send = async (method, url, caller, body) => {
    const path = new URL(url).pathname;
    const carrierEvent = method === 'POST' && path.startsWith('/v1/carrier-events');
    const key = method === 'POST' && !carrierEvent ? `chaos-${randomUUID()}` : undefined;
    if (key && path === '/v1/shipments') ledger.bookingKeys.add(key);
    const headers: Record<string, string> = { authorization: caller.authorization };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (key) headers['idempotency-key'] = key;
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const started = Date.now();
    ledger.requests += 1;
    for (let attempt = 1; ; attempt++) {
      ledger.attempts += 1;
      let answer: Answer | undefined;
      let retryAfterMs = 0;
      let reason: RetryReason | undefined;
      let detail: string;
      try {
        const response = await fetch(url, {
          method,
          headers,
          body: payload,
          signal: AbortSignal.timeout(policy.attemptTimeoutMs),
        });
        const text = await response.text();
        answer = { status: response.status, body: parse(text) as AnswerBody, retried: attempt > 1 };
        reason = retryReason(answer);
        retryAfterMs = Number(response.headers.get('retry-after') ?? 0) * 1000 || 0;
        detail = `${answer.status} ${text.slice(0, 200)}`;
      } catch (error) {
        reason = 'network';
        const { name, message, cause } = error as Error & { cause?: Error };
        detail = `${name}: ${message}${cause ? ` (${cause.message})` : ''}`;
      }
      if (answer && !reason) {
        record(ledger, method, path, body, answer);
        return answer;
      }
      const delay = Math.max(
        retryAfterMs,
        Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1)) * (0.5 + random() / 2),
      );
      if (Date.now() + delay - started > policy.giveUpAfterMs) {
        ledger.gaveUp.push(
          `${method} ${path} after ${attempt} attempts in ${((Date.now() - started) / 1000).toFixed(0)} s: ${detail}`,
        );
        throw new Error(`no final answer to ${method} ${path} after ${attempt} attempts: ${detail}`);
      }
      ledger.retries[reason!] += 1;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  };
  return { send, ledger };
}

function parse(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function record(ledger: ClientLedger, method: string, path: string, body: unknown, answer: Answer): void {
  if (method !== 'POST') return;
  const bookedId = answer.body?.id as string | undefined;
  if (path === '/v1/shipments' && answer.status === 201 && bookedId) ledger.bookedIds.add(bookedId);
  if (path === '/v1/carrier-events') {
    const eventId = (body as { eventId?: string } | undefined)?.eventId;
    if (eventId)
      ledger.carrierEvents.set(eventId, { status: answer.status, outcome: answer.body?.outcome as string | undefined });
  }
}
