import { z } from 'zod';
import { baseEnvSchema, list, parseEnv, port, serviceConfig, type ServiceConfig } from '@lib/config';

export const customsEnvSchema = baseEnvSchema.extend({
  CUSTOMS_PORT: port(3002),
  // Green channel: a declaration complete on arrival is cleared at once, unless its HS code starts
  // with an excluded prefix (fresh fruit gets primary quarantine control at the border).
  GREEN_CHANNEL: z.stringbool().default(true),
  GREEN_CHANNEL_EXCLUDED_HS: list().default(['0804', '0805']),
});

export interface CustomsConfig extends ServiceConfig {
  greenChannel: GreenChannel;
}

export interface GreenChannel {
  enabled: boolean;
  excludedHsPrefixes: string[];
}

/** The only place the customs service reads process.env. */
export function loadCustomsConfig(env: NodeJS.ProcessEnv = process.env): CustomsConfig {
  const parsed = parseEnv(customsEnvSchema, env);
  return {
    ...serviceConfig('customs', parsed, parsed.CUSTOMS_PORT),
    greenChannel: { enabled: parsed.GREEN_CHANNEL, excludedHsPrefixes: parsed.GREEN_CHANNEL_EXCLUDED_HS },
  };
}
