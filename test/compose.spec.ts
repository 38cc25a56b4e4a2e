// Docker cannot run on the project's machines, so this reads docker-compose.yml the way compose
// would (merge keys, ${VAR:-default} interpolation) and checks it against the services' own config loaders.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { ServiceConfig } from '@lib/config';
import { loadCustomsConfig } from '../apps/customs/src/customs.config';
import { loadNotificationsConfig } from '../apps/notifications/src/notifications.config';
import { loadShipmentsConfig } from '../apps/shipments/src/shipments.config';

type HostEnv = Record<string, string | undefined>;
type ComposeService = Record<string, unknown>;

const COMPOSE_FILE = join(__dirname, '..', 'docker-compose.yml');

/** Compose's interpolation: $$, $VAR, ${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:?err}, ${VAR:+alt} (and the forms without ':'). */
function interpolate(text: string, env: HostEnv): string {
  const pattern = /\$(?:(\$)|\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?)([-?+])((?:[^{}]|\{[^{}]*\})*))?\}|([A-Za-z_][A-Za-z0-9_]*)|(\{))/g;
  return text.replace(pattern, (match, dollar, braced, colon, operator, operand = '', bare, broken) => {
    if (dollar) return '$';
    if (broken) throw new Error(`invalid interpolation format in "${text}"`);
    const name: string = braced ?? bare;
    const value = env[name];
    const set = colon ? value !== undefined && value !== '' : value !== undefined;
    switch (operator) {
      case '-':
        return set ? value! : interpolate(operand, env);
      case '+':
        return set ? interpolate(operand, env) : '';
      case '?':
        if (!set) throw new Error(`required variable ${name} is missing a value: ${operand}`);
        return value!;
      default:
        return value ?? '';
    }
  });
}

function interpolateAll(node: unknown, env: HostEnv): unknown {
  if (typeof node === 'string') return interpolate(node, env);
  if (Array.isArray(node)) return node.map((item) => interpolateAll(item, env));
  if (node && typeof node === 'object') {
    return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, interpolateAll(value, env)]));
  }
  return node;
}

/** The compose model as `docker compose config` would see it, for a given host shell environment. */
function loadCompose(hostEnv: HostEnv = {}): Record<string, ComposeService> {
  const document = parse(readFileSync(COMPOSE_FILE, 'utf8'), { merge: true }) as { services: Record<string, ComposeService> };
  return (interpolateAll(document, hostEnv) as typeof document).services;
}

/** A container's environment as the process sees it: every value a string; `KEY:` with no value comes from the host. */
function environmentOf(service: ComposeService, hostEnv: HostEnv = {}): NodeJS.ProcessEnv {
  if (service.env_file) throw new Error('env_file is not modelled by this test');
  const raw = service.environment ?? {};
  const entries: [string, unknown][] = Array.isArray(raw)
    ? raw.map((item: string) => (item.includes('=') ? [item.slice(0, item.indexOf('=')), item.slice(item.indexOf('=') + 1)] : [item, null]))
    : Object.entries(raw as Record<string, unknown>);
  return Object.fromEntries(
    entries
      .map(([key, value]) => [key, value === null || value === undefined ? hostEnv[key] : String(value)])
      .filter(([, value]) => value !== undefined),
  );
}

/** Published ports as { host, container } pairs (short syntax "[ip:]host:container[/proto]" or long syntax). */
function portsOf(service: ComposeService): { host: number; container: number }[] {
  return ((service.ports as unknown[]) ?? []).map((port) => {
    if (typeof port === 'object' && port !== null) {
      const { published, target } = port as { published: string | number; target: number };
      return { host: Number(published), container: Number(target) };
    }
    const parts = String(port).replace(/\/(tcp|udp)$/, '').split(':');
    return { host: Number(parts.at(-2) ?? parts.at(-1)), container: Number(parts.at(-1)) };
  });
}

function dependsOn(service: ComposeService): Record<string, string> {
  const raw = service.depends_on ?? {};
  if (Array.isArray(raw)) return Object.fromEntries(raw.map((name: string) => [name, 'service_started']));
  return Object.fromEntries(Object.entries(raw as Record<string, { condition?: string }>).map(([name, d]) => [name, d.condition ?? 'service_started']));
}

/** Kafka listener lists ("NAME://host:port,…") by listener name. */
function listeners(value: string | undefined): Map<string, { host: string; port: number }> {
  return new Map(
    (value ?? '').split(',').filter(Boolean).map((entry) => {
      const [, name, host, port] = /^([A-Z_]+):\/\/([^:]*):(\d+)$/.exec(entry.trim()) ?? [];
      return [name, { host, port: Number(port) }];
    }),
  );
}

/** Where the broker tells clients to connect, keyed by the container port the listener binds. */
function advertisedByBoundPort(kafkaEnv: NodeJS.ProcessEnv): Map<number, string> {
  const bound = listeners(kafkaEnv.KAFKA_LISTENERS);
  const advertised = listeners(kafkaEnv.KAFKA_ADVERTISED_LISTENERS);
  return new Map(
    [...advertised].filter(([name]) => bound.has(name)).map(([name, { host, port }]) => [bound.get(name)!.port, `${host}:${port}`]),
  );
}

const services: [name: string, httpPort: number, load: (env: NodeJS.ProcessEnv) => ServiceConfig][] = [
  ['shipments', 3001, loadShipmentsConfig],
  ['customs', 3002, loadCustomsConfig],
  ['notifications', 3003, loadNotificationsConfig],
];

describe('interpolate (as docker compose does)', () => {
  it.each([
    ['${CLOCK_SCALE:-1}', {}, '1'],
    ['${CLOCK_SCALE:-1}', { CLOCK_SCALE: '' }, '1'],
    ['${CLOCK_SCALE-1}', { CLOCK_SCALE: '' }, ''],
    ['${CLOCK_SCALE:-1}', { CLOCK_SCALE: '1200' }, '1200'],
    ['${CLOCK_EPOCH:-}', {}, ''],
    ['$HOME/x ${A:+on} $${A}', { HOME: '/h', A: 'a' }, '/h/x on ${A}'],
    ['${OUTER:-${INNER:-deep}}', {}, 'deep'],
  ])('%s with %p is %p', (text, env, expected) => {
    expect(interpolate(text, env)).toBe(expected);
  });

  it('stops on a required variable and on a malformed reference', () => {
    expect(() => interpolate('${TOKEN:?set it}', {})).toThrow(/TOKEN/);
    expect(() => interpolate('${not valid}', {})).toThrow(/invalid interpolation/);
  });
});

describe('docker-compose.yml', () => {
  const compose = loadCompose();
  const kafkaEnv = environmentOf(compose.kafka);
  const advertisedAt = advertisedByBoundPort(kafkaEnv);

  describe.each(services)('%s', (name, httpPort, load) => {
    const service = compose[name];
    const env = environmentOf(service);

    it("passes the service's own config loader", () => {
      expect(() => load(env)).not.toThrow();
    });

    it('reaches postgres, redis and kafka by their compose names, not the localhost defaults', () => {
      const config = load(env);
      expect(new URL(config.database.url).hostname).toBe('postgres');
      expect(new URL(config.redis.url).hostname).toBe('redis');
      expect(config.kafka.brokers.length).toBeGreaterThan(0);
      for (const broker of config.kafka.brokers) {
        expect(broker).toMatch(/^kafka:\d+$/);
        // The broker must advertise that same address back, or clients reconnect somewhere else.
        expect(advertisedAt.get(Number(broker.split(':')[1]))).toBe(broker);
      }
      expect(compose).toHaveProperty(['postgres', 'image']);
      expect(compose).toHaveProperty(['redis', 'image']);
    });

    it(`listens on ${httpPort} on every interface and publishes it as ${httpPort}`, () => {
      const config = load(env);
      expect(config.http.port).toBe(httpPort);
      expect(config.http.host).toBe('0.0.0.0');
      expect(portsOf(service)).toContainEqual({ host: httpPort, container: httpPort });
    });

    it('runs its own entry point', () => {
      expect(service.command).toEqual(['node', `dist/apps/${name}/src/main.js`]);
    });

    it('starts only once the topics exist and postgres and redis are healthy', () => {
      expect(dependsOn(service)).toMatchObject({
        'kafka-init': 'service_completed_successfully',
        postgres: 'service_healthy',
        redis: 'service_healthy',
      });
      expect(compose.postgres.healthcheck).toBeDefined();
      expect(compose.redis.healthcheck).toBeDefined();
    });

    it('passes CLOCK_EPOCH and CLOCK_SCALE through from the shell, defaulting to real time', () => {
      expect(load(env).clock).toEqual({ epoch: undefined, scale: 1 });
      const hostEnv = { CLOCK_EPOCH: '2026-05-01T06:00:00+05:00', CLOCK_SCALE: '1200' };
      const fast = load(environmentOf(loadCompose(hostEnv)[name], hostEnv));
      expect(fast.clock).toEqual({ epoch: new Date('2026-05-01T01:00:00Z'), scale: 1200 });
    });
  });

  it('runs Apache Kafka 3.9.2 in KRaft mode without automatic topic creation', () => {
    expect(compose.kafka.image).toBe('apache/kafka:3.9.2');
    expect(kafkaEnv.KAFKA_PROCESS_ROLES?.split(',').sort()).toEqual(['broker', 'controller']);
    expect(kafkaEnv.KAFKA_CONTROLLER_QUORUM_VOTERS).toBeTruthy();
    expect(kafkaEnv.KAFKA_ZOOKEEPER_CONNECT).toBeUndefined();
    expect(kafkaEnv.KAFKA_AUTO_CREATE_TOPICS_ENABLE).toBe('false');
    expect(compose.kafka.healthcheck).toBeDefined();
  });

  it('publishes Kafka on 9092 and advertises it to host clients (ops CLI, infra:topics) as 127.0.0.1:9092', () => {
    const published = portsOf(compose.kafka).find((port) => port.host === 9092);
    expect(published).toBeDefined();
    expect(advertisedAt.get(published!.container)).toMatch(/^(localhost|127\.0\.0\.1):9092$/);
  });

  it('creates the topics with kafka-init on the same broker and prefix the services use', () => {
    const init = compose['kafka-init'];
    const initEnv = environmentOf(init);
    expect(init.command).toEqual(['node', 'infra/infra.mjs', 'ensure-topics']);
    expect(dependsOn(init)).toMatchObject({ kafka: 'service_healthy' });
    for (const [name, , load] of services) {
      const config = load(environmentOf(compose[name]));
      expect(initEnv.KAFKA_BROKERS?.split(',')).toEqual(config.kafka.brokers);
      expect(initEnv.KAFKA_TOPIC_PREFIX ?? '').toBe(config.kafka.topicPrefix);
    }
  });

  it('serves kafka-ui on 8080, pointed at the broker', () => {
    const ui = compose['kafka-ui'];
    const bootstrap = environmentOf(ui).KAFKA_CLUSTERS_0_BOOTSTRAPSERVERS ?? '';
    expect(portsOf(ui)).toContainEqual({ host: 8080, container: 8080 });
    expect(bootstrap).not.toBe('');
    for (const broker of bootstrap.split(',')) expect(advertisedAt.get(Number(broker.split(':')[1]))).toBe(broker);
    expect(dependsOn(ui)).toMatchObject({ kafka: 'service_healthy' });
  });
});
