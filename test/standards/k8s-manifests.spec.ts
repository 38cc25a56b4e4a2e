// No cluster runs on the project's machines, so this reads infra/k8s with the `yaml` package and checks
// each document against the vendored Kubernetes / KEDA schemas (test/standards/k8s), then what a schema
// cannot see: references between the documents, and the environment against the apps' own config loaders.
import 'reflect-metadata';
import { PATTERN_METADATA } from '@nestjs/microservices/constants';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { ServiceConfig } from '@lib/config';
import { topicKeyOf, topicName, type EventType } from '@lib/contracts';
import topicCatalogue from '../../libs/contracts/src/topics.json';
import { loadConsoleConfig } from '../../apps/console/src/console.config';
import { DeclarationConsumer } from '../../apps/customs/src/declaration/declaration.consumer';
import { loadCustomsConfig } from '../../apps/customs/src/customs.config';
import { NotificationConsumer } from '../../apps/notifications/src/notification/notification.consumer';
import { loadNotificationsConfig } from '../../apps/notifications/src/notifications.config';
import { CustomsDecisionConsumer } from '../../apps/shipments/src/customs-gate/customs-decision.consumer';
import { loadShipmentsConfig } from '../../apps/shipments/src/shipments.config';
import { k8sSchemaErrors, SCHEMA_FILES, vendoredSchemaFiles } from './k8s/k8s-schemas';

const ROOT = join(__dirname, '../..');
const MANIFESTS = join(ROOT, 'infra/k8s');
const KUSTOMIZATION = 'kustomization.yaml';

// Manifests are untyped YAML (`any` below), checked field by field.
type ManifestDocument = { apiVersion: string; kind: string; metadata: { name: string }; [key: string]: any };
type Manifest = ManifestDocument & { file: string };

/** Every document of every manifest file but the kustomization, with the file it came from. */
function loadManifests(): Manifest[] {
  return manifestFiles().flatMap((file) =>
    parseAllDocuments(readFileSync(join(MANIFESTS, file), 'utf8')).map((document, index) => {
      if (document.errors.length) throw new Error(`${file} #${index}: ${document.errors[0].message}`);
      const content = document.toJS() as ManifestDocument | null;
      if (!content) throw new Error(`${file} #${index}: an empty document (a stray ---?)`);
      return { file, ...content };
    }),
  );
}

function manifestFiles(): string[] {
  return readdirSync(MANIFESTS)
    .filter((file) => /\.ya?ml$/.test(file) && file !== KUSTOMIZATION)
    .sort();
}

const manifests = loadManifests();
const ofKind = (kind: string) => manifests.filter((m) => m.kind === kind);
const named = (kind: string, name: string) => ofKind(kind).find((m) => m.metadata.name === name);
const label = (m: Manifest) => `${m.file}: ${m.kind}/${m.metadata.name}`;

/** Pod specs of the Deployments and the Job. */
const workloads = [...ofKind('Deployment'), ...ofKind('Job')];
const containersOf = (m: Manifest): any[] => m.spec.template.spec.containers;

/** Whether every key/value of `selector` is among `labels`. */
const selects = (selector: Record<string, string> = {}, labels: Record<string, string> = {}) =>
  Object.keys(selector).length > 0 && Object.entries(selector).every(([key, value]) => labels[key] === value);

const configMap = named('ConfigMap', 'logistics-config')!;
const secret = named('Secret', 'logistics-secrets')!;

/** Stand-ins for the Secret's placeholders, of the shape each loader requires. */
const REAL_LOOKING_SECRETS: Record<string, string> = {
  DATABASE_URL: 'postgres://logistics:s3cret@postgres.example.internal:5432/logistics',
  WEBHOOK_SECRET_KEY: Buffer.alloc(32, 7).toString('base64'),
  CONSOLE_COOKIE_SECRET: 'k'.repeat(43),
};

/** A container's environment as the kubelet builds it (envFrom, then env) from the ConfigMap and Secret here. */
function environmentOf(container: any, secrets: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const source of container.envFrom ?? []) {
    if (source.configMapRef) Object.assign(env, named('ConfigMap', source.configMapRef.name)?.data);
    if (source.secretRef) Object.assign(env, secrets);
  }
  for (const { name, value, valueFrom } of container.env ?? []) {
    if (value !== undefined) env[name] = value;
    else if (valueFrom?.configMapKeyRef)
      env[name] = named('ConfigMap', valueFrom.configMapKeyRef.name)?.data[valueFrom.configMapKeyRef.key];
    else if (valueFrom?.secretKeyRef) env[name] = secrets[valueFrom.secretKeyRef.key];
  }
  return env;
}

/** The `ce_type`s a consumer class handles (its @OnEvent methods' patterns). */
function handledTypes(consumer: new (...args: never[]) => unknown): EventType[] {
  const prototype = consumer.prototype as Record<string, unknown>;
  return Object.getOwnPropertyNames(prototype).flatMap(
    (method) => (Reflect.getMetadata(PATTERN_METADATA, prototype[method] as object) as EventType[] | undefined) ?? [],
  );
}

type AppConfig = Pick<ServiceConfig, 'http' | 'kafka' | 'database' | 'shutdownTimeoutMs'>;

/** Each app in infra/k8s: its loader, and for the three services the consumer classes that make up its group. */
const apps: { name: string; replicas: number; load: (env: NodeJS.ProcessEnv) => AppConfig; consumers: any[] }[] = [
  { name: 'shipments', replicas: 2, load: loadShipmentsConfig, consumers: [CustomsDecisionConsumer] },
  { name: 'customs', replicas: 2, load: loadCustomsConfig, consumers: [DeclarationConsumer] },
  { name: 'notifications', replicas: 2, load: loadNotificationsConfig, consumers: [NotificationConsumer] },
  { name: 'console', replicas: 1, load: loadConsoleConfig, consumers: [] },
];
const services = apps.filter((app) => app.consumers.length > 0);

describe('infra/k8s: the manifests against the Kubernetes and KEDA schemas', () => {
  it('holds the expected kinds, every one with a vendored schema', () => {
    const kinds = new Set(manifests.map((m) => `${m.apiVersion}/${m.kind}`));
    expect([...kinds].filter((kind) => !(kind in SCHEMA_FILES))).toEqual([]);
    expect(kinds).toEqual(new Set(Object.keys(SCHEMA_FILES)));
    expect(new Set(vendoredSchemaFiles())).toEqual(new Set(Object.values(SCHEMA_FILES)));
  });

  it.each(manifests.map((m) => [label(m), m] as const))('%s is valid', (_label, manifest) => {
    const { file: _file, ...document } = manifest;
    expect(k8sSchemaErrors(document).map((e) => `${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`)).toEqual(
      [],
    );
  });

  it('refuses what the API server would: an unknown kind, a misspelt field, a wrong type', () => {
    expect(() => k8sSchemaErrors({ apiVersion: 'networking.k8s.io/v1', kind: 'Ingress' })).toThrow(
      /no vendored schema/,
    );
    const deployment = structuredClone<Manifest>(named('Deployment', 'customs')!);
    delete (deployment as Partial<Manifest>).file;
    const container = deployment.spec.template.spec.containers[0];
    container.readinesProbe = container.readinessProbe;
    expect(k8sSchemaErrors(deployment)).toContainEqual(
      expect.objectContaining({ params: { additionalProperty: 'readinesProbe' } }),
    );
    const scaled = structuredClone<Manifest>(named('ScaledObject', 'customs')!);
    delete (scaled as Partial<Manifest>).file;
    scaled.spec.maxReplicaCount = 'six';
    expect(k8sSchemaErrors(scaled)).toContainEqual(expect.objectContaining({ instancePath: '/spec/maxReplicaCount' }));
  });

  it('are exactly the resources kustomization.yaml lists, in its namespace, with one image to replace', () => {
    const kustomization = parseAllDocuments(readFileSync(join(MANIFESTS, KUSTOMIZATION), 'utf8'))[0].toJS();
    expect(kustomization.kind).toBe('Kustomization');
    expect([...kustomization.resources].sort()).toEqual(manifestFiles());
    expect(ofKind('Namespace').map((m) => m.metadata.name)).toEqual([kustomization.namespace]);
    const images = new Set(workloads.flatMap((m) => containersOf(m).map((c) => c.image)));
    expect(images.size).toBe(1);
    const [image] = images;
    expect(kustomization.images.map((i: { name: string }) => i.name)).toEqual([image.split(':')[0]]);
  });
});

describe('infra/k8s: references between the manifests', () => {
  it.each(workloads.map((m) => [label(m), m] as const))(
    '%s reads only ConfigMap and Secret keys that exist',
    (_label, workload) => {
      for (const container of containersOf(workload)) {
        for (const { configMapRef, secretRef } of container.envFrom ?? []) {
          if (configMapRef) expect(named('ConfigMap', configMapRef.name)).toBeDefined();
          if (secretRef) expect(named('Secret', secretRef.name)).toBeDefined();
        }
        for (const { name, valueFrom } of container.env ?? []) {
          const ref = valueFrom?.configMapKeyRef ?? valueFrom?.secretKeyRef;
          if (!ref) continue;
          const source = named(valueFrom.configMapKeyRef ? 'ConfigMap' : 'Secret', ref.name);
          expect({ name, source: source?.metadata.name }).toEqual({ name, source: ref.name });
          expect(Object.keys({ ...source!.data, ...source!.stringData })).toContain(ref.key);
        }
      }
    },
  );

  it.each(ofKind('Service').map((m) => [label(m), m] as const))(
    '%s selects the pods of one Deployment, on a port they name',
    (_label, service) => {
      const targets = ofKind('Deployment').filter((d) =>
        selects(service.spec.selector, d.spec.template.metadata.labels),
      );
      expect(targets.map((d) => d.metadata.name)).toEqual([service.metadata.name]);
      const ports = containersOf(targets[0]).flatMap((c) => c.ports ?? []);
      for (const { targetPort } of service.spec.ports)
        expect(ports.some((p: any) => p.name === targetPort || p.containerPort === targetPort)).toBe(true);
    },
  );

  it.each(ofKind('Deployment').map((m) => [label(m), m] as const))(
    '%s selects its own pod template',
    (_label, deployment) => {
      expect(selects(deployment.spec.selector.matchLabels, deployment.spec.template.metadata.labels)).toBe(true);
    },
  );

  it.each(ofKind('PodDisruptionBudget').map((m) => [label(m), m] as const))(
    '%s keeps one pod of a Deployment that has more than one',
    (_label, budget) => {
      const targets = ofKind('Deployment').filter((d) =>
        selects(budget.spec.selector.matchLabels, d.spec.template.metadata.labels),
      );
      expect(targets).toHaveLength(1);
      expect(budget.spec.minAvailable).toBe(1);
      expect(targets[0].spec.replicas).toBeGreaterThan(budget.spec.minAvailable);
    },
  );

  it('gives each of the three services a PodDisruptionBudget', () => {
    const budgeted = ofKind('PodDisruptionBudget').map((m) => m.metadata.name);
    expect(budgeted.sort()).toEqual(services.map((s) => s.name).sort());
  });

  it('has only placeholders in the example Secret, never a real value', () => {
    expect(secret.data).toBeUndefined();
    const values = Object.values(secret.stringData as Record<string, string>);
    expect(values.length).toBeGreaterThan(0);
    expect(values.filter((value) => !value.includes('REPLACE_ME'))).toEqual([]);
    // The ConfigMap is readable by anyone who can read the namespace: no secret in it.
    const secretNames = [...Object.keys(secret.stringData), 'CONSOLE_OPERATOR_KEY', 'SMTP_USER', 'SMTP_PASSWORD'];
    expect(Object.keys(configMap.data).filter((key) => secretNames.includes(key))).toEqual([]);
  });
});

describe.each(apps)('infra/k8s: $name', ({ name, replicas, load, consumers }) => {
  const deployment = named('Deployment', name)!;
  const pod = deployment?.spec.template.spec;
  const [container] = pod?.containers ?? [];
  const env = () => environmentOf(container, REAL_LOOKING_SECRETS);

  it(`runs ${replicas} replica(s) of its own entry point`, () => {
    expect(deployment.spec.replicas).toBe(replicas);
    expect(pod.containers).toHaveLength(1);
    expect(container.command).toEqual(['node', `dist/apps/${name}/src/main.js`]);
    expect(existsSync(join(ROOT, `apps/${name}/src/main.ts`))).toBe(true);
  });

  it("passes the app's own config loader, on the port its container, Service and scrape annotation name", () => {
    const config = load(env());
    const port = container.ports.find((p: any) => p.name === 'http').containerPort;
    expect(config.http).toMatchObject({ host: '0.0.0.0', port });
    expect(named('Service', name)!.spec.ports).toEqual([{ name: 'http', port, targetPort: 'http' }]);
    expect(deployment.spec.template.metadata.annotations).toMatchObject({
      'prometheus.io/scrape': 'true',
      'prometheus.io/port': String(port),
      'prometheus.io/path': '/metrics',
    });
  });

  it('takes its secrets from the Secret, whose placeholders it refuses or cannot sign in with', () => {
    const placeholders = Object.fromEntries(
      Object.keys(REAL_LOOKING_SECRETS).map((key) => [key, secret.stringData[key]]),
    );
    const fromSecret = (container.env ?? []).filter((e: any) => e.valueFrom?.secretKeyRef).map((e: any) => e.name);
    expect(fromSecret).toContain('DATABASE_URL');
    if (name === 'notifications' || name === 'console')
      expect(() => load(environmentOf(container, placeholders))).toThrow(/WEBHOOK_SECRET_KEY|CONSOLE_COOKIE_SECRET/);
    else expect(new URL(load(environmentOf(container, placeholders)).database.url).password).toBe('REPLACE_ME');
  });

  it('is ready on /health/ready and alive on /health/live, on its HTTP port', () => {
    expect(container.readinessProbe.httpGet).toEqual({ path: '/health/ready', port: 'http' });
    expect(container.livenessProbe.httpGet).toEqual({ path: '/health/live', port: 'http' });
    expect(container.startupProbe.httpGet).toEqual({ path: '/health/live', port: 'http' });
  });

  it('has time to stop gracefully: preStop pause + SHUTDOWN_TIMEOUT_MS within terminationGracePeriodSeconds', () => {
    const pause = container.lifecycle?.preStop?.sleep?.seconds ?? 0;
    const shutdown = load(env()).shutdownTimeoutMs / 1000;
    expect(pod.terminationGracePeriodSeconds).toBeGreaterThanOrEqual(pause + shutdown + 5);
  });

  it('requests and limits resources, and spreads its replicas across nodes', () => {
    expect(container.resources.requests).toMatchObject({ cpu: expect.any(String), memory: expect.any(String) });
    expect(container.resources.limits).toMatchObject({ memory: expect.any(String) });
    expect(pod.topologySpreadConstraints).toContainEqual(
      expect.objectContaining({
        topologyKey: 'kubernetes.io/hostname',
        labelSelector: { matchLabels: deployment.spec.selector.matchLabels },
      }),
    );
  });

  if (consumers.length === 0) return;

  it('is scaled by KEDA on its consumer group lag, on exactly the topics it consumes, up to their partitions', () => {
    const scaled = named('ScaledObject', name)!;
    const { kafka } = load(env());
    const consumed = new Set(
      consumers.flatMap(handledTypes).map((type) => topicName(topicKeyOf(type), kafka.topicPrefix)),
    );
    expect(consumed.size).toBeGreaterThan(0);
    expect(scaled.spec.scaleTargetRef).toEqual({ name });
    expect(scaled.spec.minReplicaCount).toBe(replicas);
    // Members beyond the partition count of a topic get no partition of it and idle.
    expect(scaled.spec.maxReplicaCount).toBeLessThanOrEqual(topicCatalogue.defaultPartitions);
    expect(scaled.spec.maxReplicaCount).toBeGreaterThan(scaled.spec.minReplicaCount);
    const triggers = scaled.spec.triggers as { type: string; metadata: Record<string, string> }[];
    expect(new Set(triggers.map((t) => t.type))).toEqual(new Set(['kafka']));
    expect(new Set(triggers.map((t) => t.metadata.topic))).toEqual(consumed);
    for (const { metadata } of triggers) {
      expect(metadata.bootstrapServers.split(',')).toEqual(kafka.brokers);
      // KafkaEventServer's group: <KAFKA_TOPIC_PREFIX><service>.
      expect(metadata.consumerGroup).toBe(`${kafka.topicPrefix}${name}`);
      expect(Number(metadata.lagThreshold)).toBeGreaterThan(0);
    }
  });

  it('has all its @OnEvent handlers in the consumer classes this spec reads', () => {
    const sources = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
        entry.isDirectory()
          ? sources(join(dir, entry.name))
          : entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts')
            ? [join(dir, entry.name)]
            : [],
      );
    const withHandlers = sources(join(ROOT, `apps/${name}/src`)).filter((file) =>
      readFileSync(file, 'utf8').includes('@OnEvent('),
    );
    expect(withHandlers).toHaveLength(consumers.length);
  });
});

describe('infra/k8s: every pod', () => {
  it.each(workloads.map((m) => [label(m), m] as const))(
    '%s runs as non-root with a read-only root and no capabilities',
    (_label, workload) => {
      const pod = workload.spec.template.spec;
      expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: expect.any(Number) });
      expect(pod.securityContext.runAsUser).toBeGreaterThan(0);
      expect(pod.automountServiceAccountToken).toBe(false);
      for (const container of pod.containers) {
        expect(container.securityContext).toEqual({
          allowPrivilegeEscalation: false,
          readOnlyRootFilesystem: true,
          capabilities: { drop: ['ALL'] },
        });
      }
    },
  );

  it('migrates with the ops CLI, on the same image, configuration and database as the services', () => {
    const [job] = ofKind('Job');
    const [container] = containersOf(job);
    expect(container.command).toEqual(['node', 'dist/apps/ops/src/main.js', 'migrate']);
    expect(existsSync(join(ROOT, 'apps/ops/src/main.ts'))).toBe(true);
    expect(job.spec.template.spec.restartPolicy).toBe('Never');
    const jobEnv = environmentOf(container, REAL_LOOKING_SECRETS);
    const serviceEnv = environmentOf(containersOf(named('Deployment', 'shipments')!)[0], REAL_LOOKING_SECRETS);
    expect(jobEnv.DATABASE_URL).toBe(serviceEnv.DATABASE_URL);
  });
});
