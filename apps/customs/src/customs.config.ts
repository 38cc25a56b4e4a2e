import { z } from 'zod';
import { baseEnvSchema, durationMs, list, parseEnv, port, serviceConfig, type ServiceConfig } from '@lib/config';
import { DEFAULT_CLEARANCE_SLA, parseSlaRules } from './declaration/clearance-sla';
import type { DeclarationFollowUpSettings } from './declaration/declaration.follow-ups';

export const customsEnvSchema = baseEnvSchema.extend({
  CUSTOMS_PORT: port(3002),
  // Green channel: a declaration complete on arrival is cleared at once, unless its HS code starts
  // with an excluded prefix (fresh fruit gets primary quarantine control at the border).
  GREEN_CHANNEL: z.stringbool().default(true),
  GREEN_CHANNEL_EXCLUDED_HS: list().default([]),
  // Hours customs may take after arrival before customs.sla.breached, by crossing and perishability
  // (keys default, perishable, <crossing>, <crossing>/perishable; the most specific wins), simulated time.
  CLEARANCE_SLA_HOURS: z
    .string()
    .default(DEFAULT_CLEARANCE_SLA)
    .transform((value, ctx) => {
      try {
        return parseSlaRules(value);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
        return z.NEVER;
      }
    }),
  // How long before the cargo is expected at a crossing the broker is reminded of missing documents (simulated ms).
  DOCUMENT_REMINDER_LEAD_MS: durationMs(24 * 3600_000),
});

export interface CustomsConfig extends ServiceConfig {
  greenChannel: GreenChannel;
  followUps: DeclarationFollowUpSettings & { sweepIntervalMs: number };
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
    followUps: {
      clearanceSla: parsed.CLEARANCE_SLA_HOURS,
      reminderLeadMs: parsed.DOCUMENT_REMINDER_LEAD_MS,
      sweepIntervalMs: parsed.FOLLOW_UP_SWEEP_INTERVAL_MS,
    },
  };
}
