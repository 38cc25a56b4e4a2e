/** A browser's part, for tests without one: a cookie jar, forms with their CSRF token, no redirects followed. */
export class ConsoleClient {
  readonly cookies = new Map<string, string>();
  /** Every Set-Cookie header received, as sent. */
  readonly setCookies: string[] = [];

  constructor(private readonly baseUrl: string) {}

  private remember(response: Response): Response {
    for (const header of response.headers.getSetCookie()) {
      this.setCookies.push(header);
      const [pair] = header.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      if (value === '' || /expires=thu, 01 jan 1970/i.test(header)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  }

  cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  async get(path: string, headers: Record<string, string> = {}): Promise<Response> {
    return this.remember(
      await fetch(`${this.baseUrl}${path}`, {
        redirect: 'manual',
        headers: { cookie: this.cookieHeader(), ...headers },
      }),
    );
  }

  async post(path: string, form: Record<string, string>): Promise<Response> {
    return this.remember(
      await fetch(`${this.baseUrl}${path}`, {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie: this.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(form).toString(),
      }),
    );
  }

  /** The CSRF token of the first form on a page. */
  static csrfTokenIn(page: string): string {
    const token = /name="_csrf" value="([^"]+)"/.exec(page)?.[1];
    if (!token) throw new Error('no CSRF token on the page');
    return token;
  }

  /** Opens the sign-in form and posts `apiKey` with its token. */
  async signIn(apiKey: string): Promise<Response> {
    const form = await (await this.get('/sign-in')).text();
    return this.post('/sign-in', { _csrf: ConsoleClient.csrfTokenIn(form), apiKey });
  }

  /**
   * Reads the overview stream until an `event` whose data satisfies `done` arrives; returns every
   * event of that name seen. Rejects after `timeoutMs`.
   */
  async streamUntil(
    event: string,
    done: (data: string) => boolean,
    timeoutMs = 15_000,
  ): Promise<{ status: number; events: string[] }> {
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), timeoutMs);
    const events: string[] = [];
    try {
      const response = await fetch(`${this.baseUrl}/overview/stream`, {
        headers: { accept: 'text/event-stream', cookie: this.cookieHeader() },
        signal: abort.signal,
      });
      if (!response.ok || !response.body) return { status: response.status, events };
      const reader = response.body.getReader();
      const decoder = new TextDecoder();
      let buffer = '';
      for (;;) {
        const { value, done: ended } = await reader.read();
        if (ended) return { status: response.status, events };
        buffer += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end).split('\n');
          buffer = buffer.slice(end + 2);
          const name = block
            .find((line) => line.startsWith('event:'))
            ?.slice(6)
            .trim();
          const data = block
            .filter((line) => line.startsWith('data:'))
            .map((line) => line.replace(/^data: ?/, ''))
            .join('\n');
          if (name !== event) continue;
          events.push(data);
          if (done(data)) return { status: response.status, events };
        }
      }
    } catch (error) {
      if ((error as Error).name === 'AbortError')
        throw new Error(
          `no ${event} event satisfied the test within ${timeoutMs} ms; ` +
            `the last was:\n${events.at(-1)?.slice(0, 3000)}`,
          { cause: error },
        );
      throw error;
    } finally {
      clearTimeout(timer);
      abort.abort();
    }
  }
}
