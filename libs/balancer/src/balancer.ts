import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * A round-robin TCP balancer in front of a service's instances, as a Kubernetes Service (kube-proxy)
 * or any L4 load balancer puts one: each new connection goes to the next instance; one that refuses
 * the connection (killed, not listening yet) is skipped for the next. A connection to an instance
 * that dies is cut, and the client's retry opens a new one, which lands on a live instance. HTTP
 * keep-alive and SSE pass through untouched.
 */
export class Balancer {
  private next = 0;
  private readonly open = new Set<Socket>();

  private constructor(
    private readonly server: Server,
    readonly port: number,
    private readonly upstreams: number[],
  ) {}

  static async start(upstreams: number[], port = 0): Promise<Balancer> {
    const server = createServer();
    await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', resolve));
    const balancer = new Balancer(server, (server.address() as { port: number }).port, upstreams);
    server.on('connection', (client) => balancer.forward(client));
    return balancer;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async close(): Promise<void> {
    for (const socket of this.open) socket.destroy();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private forward(client: Socket, tried = 0): void {
    if (tried === 0) {
      this.track(client);
      client.pause();
      client.on('error', () => client.destroy());
    }
    if (tried >= this.upstreams.length || client.destroyed) {
      client.destroy();
      return;
    }
    const port = this.upstreams[this.next++ % this.upstreams.length];
    const upstream = connect(port, '127.0.0.1');
    let connected = false;
    upstream.once('connect', () => {
      connected = true;
      this.track(upstream);
      client.pipe(upstream).pipe(client);
      client.resume();
      client.once('close', () => upstream.destroy());
      upstream.once('close', () => client.destroy());
    });
    // Refused: the next instance. Cut once connected: the client sees its connection end, as with any balancer.
    upstream.on('error', () => (connected ? client.destroy() : this.forward(client, tried + 1)));
  }

  private track(socket: Socket): void {
    if (this.open.has(socket)) return;
    this.open.add(socket);
    socket.once('close', () => this.open.delete(socket));
  }
}
