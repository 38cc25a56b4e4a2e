import { lookup, type LookupAddress, type LookupOptions } from 'node:dns';
import ipaddr from 'ipaddr.js';
import { Agent, request } from 'undici';
import { refusalFor, type AddressPolicy } from './address-policy';

export interface WebhookAttemptResult {
  status?: number;
  latencyMs: number;
  error?: string;
  /** The address was one we never connect to (SSRF policy): final, not worth retrying. */
  refused?: boolean;
}

const REFUSED = 'EWEBHOOKREFUSED';

class RefusedAddressError extends Error {
  readonly code = REFUSED;
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * DNS lookup for the sockets we open: every address the name resolves to is checked, so the check
 * is on the address actually connected to (a name that resolves elsewhere later — DNS rebinding —
 * is caught at connect time, not just when the subscription was made).
 */
function guardedLookup(policy: AddressPolicy) {
  return (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      const refusal = addresses.map((a) => refusalFor(a.address, policy)).find(Boolean);
      if (refusal) return callback(new RefusedAddressError(`${hostname} resolves to a ${refusal}`), []);
      if (options.all) return callback(null, addresses);
      callback(null, addresses[0].address, addresses[0].family);
    });
  };
}

function refusedCause(error: unknown): RefusedAddressError | undefined {
  for (let e = error as { cause?: unknown; code?: string } | undefined; e; e = e.cause as typeof e) {
    if (e.code === REFUSED) return e as RefusedAddressError;
  }
  return undefined;
}

/**
 * POSTs webhooks: guarded connects, a deadline per attempt, no redirects followed, the answer's body
 * read only so far.
 */
export class WebhookClient {
  private readonly agent: Agent;

  constructor(
    private readonly policy: AddressPolicy,
    private readonly options: { timeoutMs: number },
  ) {
    this.agent = new Agent({
      connect: { lookup: guardedLookup(policy), timeout: options.timeoutMs },
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
    });
  }

  async post(url: string, headers: Record<string, string>, body: string): Promise<WebhookAttemptResult> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    try {
      const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
      // An IP literal never goes through DNS (undici calls no lookup for it, nodejs/undici#2019), so it is
      // checked here.
      const literal = ipaddr.isValid(host) ? refusalFor(host, this.policy) : undefined;
      if (literal) return { latencyMs: elapsed(), refused: true, error: `refused: ${literal}` };
      // undici's request() does not follow redirects: a 3xx is an answer like any other non-2xx.
      const response = await request(url, {
        method: 'POST',
        headers,
        body,
        dispatcher: this.agent,
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      await response.body.dump({ limit: 64 * 1024 }).catch(() => undefined);
      return { status: response.statusCode, latencyMs: elapsed() };
    } catch (error) {
      const refused = refusedCause(error);
      if (refused) return { latencyMs: elapsed(), refused: true, error: `refused: ${refused.message}` };
      const name = (error as Error).name;
      const timedOut =
        name === 'TimeoutError' ||
        name === 'HeadersTimeoutError' ||
        name === 'BodyTimeoutError' ||
        name === 'ConnectTimeoutError';
      return {
        latencyMs: elapsed(),
        error: timedOut ? `timeout after ${this.options.timeoutMs} ms` : (error as Error).message || name,
      };
    }
  }

  async close(): Promise<void> {
    await this.agent.close();
  }
}
