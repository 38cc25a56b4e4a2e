export interface SseEvent {
  id?: string;
  event?: string;
  data: any;
}

/**
 * Reads a Server-Sent Events stream until `count` events arrived (or `timeoutMs` passed), then closes
 * it, as an EventSource would be closed by a client going away.
 */
export async function readSse(url: string, headers: Record<string, string>, count: number, timeoutMs = 10_000): Promise<{ status: number; events: SseEvent[] }> {
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
      buffer += decoder.decode(value, { stream: true });
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
