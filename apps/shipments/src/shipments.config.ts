import { z } from 'zod';
import { baseEnvSchema, durationMs, parseEnv, port, serviceConfig, type ServiceConfig } from '@lib/config';
import { DEFAULT_REEFER_SILENCE_MS } from './follow-up/reefer-silence';

export const shipmentsEnvSchema = baseEnvSchema.extend({
  SHIPMENTS_PORT: port(3001),
  // Follow-ups, in simulated time: a leg not arrived by the upper bound of its predicted arrival is declared
  // delayed (apps/shipments/src/eta); this grace after the predicted median is a floor of that bound, as is
  // planned arrival + grace for a leg on no corridor; for a leg the model cannot predict, the whole margin
  // (planned arrival, else departure + the mode's typical hours, + grace). follow-up.plan.ts `overdueAt`.
  LEG_OVERDUE_GRACE_MS: durationMs(2 * 3600_000),
  // A perishable not delivered when this fraction of its shelf life has passed since departure is at risk.
  SHELF_LIFE_ALERT_FRACTION: z.coerce.number().gt(0).lt(1).default(0.8),
  // A perishable in transit whose reefer sends no reading this long (simulated) raises shipment.reefer.silent.
  REEFER_SILENCE_MS: durationMs(DEFAULT_REEFER_SILENCE_MS, 60_000),
  // Where share links are handed out (https://track.example.com): the API's answer and the page's QR code
  // use it; unset, the address the request came in on (wrong behind a proxy that rewrites Host).
  PUBLIC_BASE_URL: z
    .url({ protocol: /^https?$/ })
    .transform((url) => url.replace(/\/+$/, ''))
    .optional(),
  // The customs gate: nothing leaves a crossing before customs.cleared for it (409 AWAITING_CLEARANCE).
  CUSTOMS_GATE: z.stringbool().default(true),
  // Ad-hoc openings / extra closures of crossings, over the seasonal calendar (libs/reference-data), as JSON:
  // [{"crossing":"Khunjerab–Tashkurgan","from":"2027-01-10","until":"2027-01-20",
  //   "open":true,"reason":"ad-hoc opening"}]
  CROSSING_OVERRIDES: z
    .string()
    .default('[]')
    .transform((value, ctx) => {
      try {
        return JSON.parse(value) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be a JSON array' });
        return z.NEVER;
      }
    })
    .pipe(
      z.array(
        z.strictObject({
          crossing: z.string().min(1),
          from: z.iso.date(),
          until: z.iso.date(),
          open: z.boolean(),
          reason: z.string().optional(),
        }),
      ),
    ),
});

export interface ShipmentsConfig extends ServiceConfig {
  followUps: {
    legOverdueGraceMs: number;
    shelfLifeAlertFraction: number;
    reeferSilenceMs: number;
    sweepIntervalMs: number;
  };
  crossingOverrides: z.infer<typeof shipmentsEnvSchema>['CROSSING_OVERRIDES'];
  customsGate: boolean;
  publicBaseUrl: string | undefined;
}

/** The only place the shipments service reads process.env. */
export function loadShipmentsConfig(env: NodeJS.ProcessEnv = process.env): ShipmentsConfig {
  const parsed = parseEnv(shipmentsEnvSchema, env);
  return {
    ...serviceConfig('shipments', parsed, parsed.SHIPMENTS_PORT),
    followUps: {
      legOverdueGraceMs: parsed.LEG_OVERDUE_GRACE_MS,
      shelfLifeAlertFraction: parsed.SHELF_LIFE_ALERT_FRACTION,
      reeferSilenceMs: parsed.REEFER_SILENCE_MS,
      sweepIntervalMs: parsed.FOLLOW_UP_SWEEP_INTERVAL_MS,
    },
    crossingOverrides: parsed.CROSSING_OVERRIDES,
    customsGate: parsed.CUSTOMS_GATE,
    publicBaseUrl: parsed.PUBLIC_BASE_URL,
  };
}
