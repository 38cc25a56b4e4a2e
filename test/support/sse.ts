export interface SseEvent {
  id?: string;
  event?: string;
  data: any;
}

/** Takes the complete events off the front of `buffer`; returns them and what is left. */
function parseEvents(buffer: string): { events: SseEvent[]; rest: string } {
  const events: SseEvent[] = [];
  let end: number;
  while ((end = buffer.indexOf('\n\n')) >= 0) {
    const block = buffer.slice(0, end);
    buffer = buffer.slice(end + 2);
    const event: SseEvent = { data: undefined };
    for (const line of block.split('\n')) {
      if (line.startsWith('id:')) event.id = line.slice(3).trim();
      else if (line.startsWith('event:')) event.event = line.slice(6).trim();
      else if (line.startsWith('data:')) event.data = JSON.parse(line.slice(5).trim());
    }
    if (event.data !== undefined) events.push(event);
  }
  return { events, rest: buffer };
}

/**
 * Reads a Server-Sent Events stream until `count` events arrived (or `timeoutMs` passed), then closes
 * it, as an EventSource would be closed by a client going away.
 */
export async function readSse(
  url: string,
  headers: Record<string, string>,
  count: number,
  timeoutMs = 10_000,
): Promise<{ status: number; events: SseEvent[] }> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), timeoutMs);
  const events: SseEvent[] = [];
  try {
    const response = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: abort.signal });
    if (!response.ok || !response.body) return { status: response.status, events };
    const decoder = new TextDecoder();
    let buffer = '';
    const reader = response.body.getReader();
    while (events.length < count) {
      const { value, done } = await reader.read();
      if (done) break;
      const parsed = parseEvents(buffer + decoder.decode(value, { stream: true }));
      buffer = parsed.rest;
      events.push(...parsed.events);
    }
    return { status: response.status, events };
  } catch (error) {
    if ((error as Error).name === 'AbortError') return { status: 200, events };
    throw error;
  } finally {
    clearTimeout(timer);
    abort.abort();
  }
}

export interface SseStream {
  /** Every event received so far, in order. */
  events: SseEvent[];
  /** Resolves once at least `count` events arrived; rejects after `timeoutMs` with what did. */
  waitFor(count: number, timeoutMs?: number): Promise<SseEvent[]>;
  close(): void;
}

/** Opens a Server-Sent Events stream and keeps it open, so a test can act between the events it receives. */
export async function openSse(url: string, headers: Record<string, string>): Promise<SseStream> {
  const abort = new AbortController();
  const response = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: abort.signal });
  if (!response.ok || !response.body) {
    abort.abort();
    throw new Error(`SSE ${url} answered ${response.status}`);
  }
  const events: SseEvent[] = [];
  let arrived = (): void => undefined;
  let ended = false;
  void (async () => {
    const decoder = new TextDecoder();
    const reader = response.body!.getReader();
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        const parsed = parseEvents(buffer + decoder.decode(value, { stream: true }));
        buffer = parsed.rest;
        events.push(...parsed.events);
        arrived();
      }
    } catch {
      // closed by the test
    } finally {
      ended = true;
      arrived();
    }
  })();
  return {
    events,
    close: () => abort.abort(),
    waitFor: async (count, timeoutMs = 10_000) => {
      const deadline = Date.now() + timeoutMs;
      while (events.length < count) {
        if (ended || Date.now() >= deadline)
          throw new Error(
            `expected ${count} SSE events, got ${events.length}: ${JSON.stringify(events.map((e) => e.id))}`,
          );
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, Math.max(0, deadline - Date.now()));
          arrived = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
      return events.slice(0, count);
    },
  };
}
