import { collectDefaultMetrics, Registry } from 'prom-client';

/**
 * The service's own Prometheus registry (never prom-client's global one: tests run several services in one process).
 */
export const METRICS_REGISTRY = Symbol('METRICS_REGISTRY');

/** A registry labelling every series with `service`, with Node's process metrics (`process_*`, `nodejs_*`) on it. */
export function createServiceRegistry(service: string): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  return registry;
}
