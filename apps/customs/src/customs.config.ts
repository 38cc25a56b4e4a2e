import { baseEnvSchema, parseEnv, port, serviceConfig, type ServiceConfig } from '@lib/config';

export const customsEnvSchema = baseEnvSchema.extend({
  CUSTOMS_PORT: port(3002),
});

export type CustomsConfig = ServiceConfig;

/** The only place the customs service reads process.env. */
export function loadCustomsConfig(env: NodeJS.ProcessEnv = process.env): CustomsConfig {
  const parsed = parseEnv(customsEnvSchema, env);
  return serviceConfig('customs', parsed, parsed.CUSTOMS_PORT);
}
