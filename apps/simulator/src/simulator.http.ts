/** The simulator speaks to the services only over HTTP, as carriers, shippers and customs do. */
export interface Endpoints {
  shipments: string;
  customs: string;
  notifications: string;
}

export interface Caller {
  authorization: string;
}

/**
 * A JSON answer as a black-box client reads it: no shared DTO types, each caller picks the fields it
 * needs (undefined when the answer had no body).
 */
export type AnswerBody = Record<string, unknown> | undefined;

export interface Answer {
  status: number;
  body: AnswerBody;
  /** Sent more than once (a retrying client): an earlier attempt may already have taken effect. */
  retried?: boolean;
}

/** How the simulator speaks HTTP: `send` below, or a client that retries (the chaos run's). */
export type Send = (method: 'GET' | 'POST', url: string, caller: Caller, body?: unknown) => Promise<Answer>;

export const send: Send = async (method, url, caller, body) => {
  const response = await fetch(url, {
    method,
    headers: {
      authorization: caller.authorization,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as AnswerBody) : undefined };
};

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `probe` returns a value (not undefined) or the time is up. */
export async function until<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 30_000,
  intervalMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(intervalMs);
  }
}
