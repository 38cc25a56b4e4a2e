import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebhookClient } from './webhook-client';

describe('WebhookClient (a real HTTP server on loopback)', () => {
  let server: Server;
  let base: string;
  const hits: { path: string; body: string; headers: IncomingMessage['headers'] }[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        hits.push({ path: req.url!, body, headers: req.headers });
        if (req.url === '/fail') return res.writeHead(500).end('nope');
        if (req.url === '/slow') return void setTimeout(() => res.writeHead(200).end(), 1000);
        if (req.url === '/redirect') return res.writeHead(302, { location: `${base}/target` }).end();
        res.writeHead(200).end('ok');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const loopbackAllowed = () => new WebhookClient({ allowLoopback: true, allowPrivate: false }, { timeoutMs: 300 });

  it('delivers the body and headers and reports the status', async () => {
    const client = loopbackAllowed();
    const result = await client.post(
      `${base}/ok`,
      { 'content-type': 'application/json', 'webhook-id': 'msg_1' },
      '{"a":1}',
    );
    await client.close();
    expect(result).toMatchObject({ status: 200 });
    expect(hits.find((h) => h.path === '/ok')).toMatchObject({
      body: '{"a":1}',
      headers: expect.objectContaining({ 'webhook-id': 'msg_1' }),
    });
  });

  it('reports a 500, a timeout, and does not follow a redirect', async () => {
    const client = loopbackAllowed();
    await expect(client.post(`${base}/fail`, {}, '{}')).resolves.toMatchObject({ status: 500 });
    await expect(client.post(`${base}/slow`, {}, '{}')).resolves.toMatchObject({ error: 'timeout after 300 ms' });
    await expect(client.post(`${base}/redirect`, {}, '{}')).resolves.toMatchObject({ status: 302 });
    await client.close();
    expect(hits.some((h) => h.path === '/target')).toBe(false);
  });

  it('refuses loopback when not allowed, by literal and by name (the lookup guard), without connecting', async () => {
    const client = new WebhookClient({ allowLoopback: false, allowPrivate: false }, { timeoutMs: 300 });
    const before = hits.length;
    const port = new URL(base).port;
    await expect(client.post(`${base}/ok`, {}, '{}')).resolves.toMatchObject({
      refused: true,
      error: expect.stringContaining('loopback'),
    });
    await expect(client.post(`http://localhost:${port}/ok`, {}, '{}')).resolves.toMatchObject({
      refused: true,
      error: expect.stringContaining('loopback'),
    });
    await expect(client.post('http://169.254.169.254/latest/meta-data', {}, '{}')).resolves.toMatchObject({
      refused: true,
    });
    await client.close();
    expect(hits.length).toBe(before);
  });
});
