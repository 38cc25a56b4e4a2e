import { findCrossing, isPerishable } from '@lib/reference-data';

/**
 * How long customs may take to clear a declaration after the cargo arrives, in hours, by crossing and
 * perishability. Written as `key=hours` pairs; keys: `default`, `perishable`, `<crossing>`,
 * `<crossing>/perishable` (crossing ids as in the reference data, e.g. `torkham`).
 * The most specific key wins: `<crossing>/perishable`, then `perishable` (fresh fruit has 12 h
 * wherever it stands), then `<crossing>`, then `default`.
 */
export type SlaRules = ReadonlyMap<string, number>;

export const DEFAULT_CLEARANCE_SLA = 'perishable=12,default=48';

export function parseSlaRules(text: string): SlaRules {
  const rules = new Map<string, number>();
  for (const item of text
    .split(',')
    .map((i) => i.trim())
    .filter(Boolean)) {
    const match = /^([a-z0-9-]+(?:\/perishable)?)\s*=\s*(\d+(?:\.\d+)?)$/.exec(item);
    if (!match || Number(match[2]) <= 0) throw new Error(`"${item}" is not key=hours (e.g. perishable=12, torkham=24)`);
    rules.set(match[1], Number(match[2]));
  }
  if (!rules.has('default')) throw new Error('needs a default=<hours> entry');
  return rules;
}

/**
 * `crossing` as declarations keep it (its name, `Khunjerab–Tashkurgan`) or its id: the rules are keyed by id.
 * Whether the cargo is perishable is the commodity catalogue's one answer (`isPerishable`): a carry range,
 * a catalogued perishable, or fresh fruit of a perishable's HS heading — as the green channel and the
 * phytosanitary rule decide it.
 */
export function clearanceSlaHours(
  rules: SlaRules,
  crossing: string,
  cargo: { commodity?: string; hsCode: string; perishable?: object | null } | null | undefined,
): number {
  crossing = findCrossing(crossing)?.id ?? crossing;
  const keys =
    cargo && isPerishable(cargo)
      ? [`${crossing}/perishable`, 'perishable', crossing, 'default']
      : [crossing, 'default'];
  for (const key of keys) {
    const hours = rules.get(key);
    if (hours !== undefined) return hours;
  }
  return rules.get('default')!;
}
