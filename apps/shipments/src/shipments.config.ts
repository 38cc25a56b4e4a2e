import { baseEnvSchema, parseEnv, port, serviceConfig, type ServiceConfig } from '@lib/config';

export const shipmentsEnvSchema = baseEnvSchema.extend({
  SHIPMENTS_PORT: port(3001),
});

export type ShipmentsConfig = ServiceConfig;

/** The only place the shipments service reads process.env. */
export function loadShipmentsConfig(env: NodeJS.ProcessEnv = process.env): ShipmentsConfig {
  const parsed = parseEnv(shipmentsEnvSchema, env);
  return serviceConfig('shipments', parsed, parsed.SHIPMENTS_PORT);
}
