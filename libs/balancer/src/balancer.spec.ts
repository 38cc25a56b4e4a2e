import { createServer, type Server } from 'node:http';
import { Balancer } from './balancer';

/** An HTTP server that answers with its own name, on a port the OS picks. */
async function instance(name: string): Promise<{ server: Server; port: number }> {
  const server = createServer((_, response) => response.end(name));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as { port: number }).port };
}

const close = (server: Server) =>
  new Promise((resolve) => {
    server.closeAllConnections();
    server.close(resolve);
  });

/** A GET on a new connection each time (no keep-alive), so each one is balanced. */
const get = (url: string) => fetch(url, { headers: { connection: 'close' } }).then((r) => r.text());

describe('Balancer', () => {
  it('spreads new connections over the instances in turn, and skips one that is gone', async () => {
    const [a, b] = await Promise.all([instance('a'), instance('b')]);
    const balancer = await Balancer.start([a.port, b.port]);
    try {
      const answers = [];
      for (let i = 0; i < 4; i++) answers.push(await get(balancer.url));
      expect(answers.sort()).toEqual(['a', 'a', 'b', 'b']);

      await close(b.server);
      const after = [];
      for (let i = 0; i < 4; i++) after.push(await get(balancer.url));
      expect(after).toEqual(['a', 'a', 'a', 'a']);

      await close(a.server);
      await expect(get(balancer.url)).rejects.toThrow();
    } finally {
      await balancer.close();
      await Promise.all([a, b].map((i) => close(i.server)));
    }
  });
});
