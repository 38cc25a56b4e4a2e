import type { TransportMode } from '@lib/contracts';

/**
 * The seasonal calendar, recurring every year: what closes, what is suspended and what slows down.
 * Dates are `MM-DD` in UTC, the end exclusive; a range may wrap the new year. Ad-hoc openings and
 * extra closures of a crossing are overrides (closure-calendar.ts), set by operators or configuration.
 */
export interface SeasonalRange {
  from: string;
  until: string;
}

/** A crossing closed for the season. */
export interface SeasonalClosure extends SeasonalRange {
  crossing: string;
  reason: string;
}

/** A corridor's service suspended for the season (both directions), on its legs of `mode`. */
export interface SeasonalSuspension extends SeasonalRange {
  corridor: string;
  mode: TransportMode;
  reason: string;
}

/**
 * Travel on matching legs takes longer in the season: typical hours × `typical`, p90 × `p90` (the
 * tail grows more than the middle: most trucks get through, some wait days for a pass to clear).
 * A leg matches when it is of one of `modes` and stops at every place of `via` (in any order, so
 * both directions match).
 */
export interface SeasonalSlowdown extends SeasonalRange {
  id: string;
  modes: TransportMode[];
  via: string[];
  factor: { typical: number; p90: number };
  reason: string;
}

export const seasonalClosures: SeasonalClosure[] = [
  // DOMAIN.md: the Khunjerab Pass is closed about 1 Dec – 1 Apr each year (ad-hoc openings happen).
  { crossing: 'khunjerab-tashkurgan', from: '12-01', until: '04-01', reason: 'Khunjerab Pass closed for winter' },
];

export const seasonalSuspensions: SeasonalSuspension[] = [
  // The seed: SCAT suspended its Lahore ⇄ Almaty flights for the winter and resumes them in season.
  // The dates are assumed (the seed gives none): December through February.
  {
    corridor: 'air-lahore-almaty',
    mode: 'AIR',
    from: '12-01',
    until: '03-01',
    reason: 'SCAT suspends its Lahore ⇄ Almaty flights for the winter',
  },
];

export const seasonalSlowdowns: SeasonalSlowdown[] = [
  {
    // DOMAIN.md: "winter snow in Afghanistan can add weeks". The Salang pass (3,400 m, between
    // Mazar-i-Sharif and Kabul) is the worst of it: snow, avalanches and chains December to March.
    // Assumed: half as long again typically, three times as long at p90 (a 96 h p90 becomes ~12 days).
    id: 'salang-winter',
    modes: ['ROAD'],
    via: ['Mazar-i-Sharif', 'Kabul'],
    from: '12-01',
    until: '04-01',
    factor: { typical: 1.5, p90: 3 },
    reason: 'winter on the Salang pass',
  },
  {
    // The southern ring road Herat – Kandahar is low and rarely snowbound; winter rain and mud still
    // slow it (assumed: +20 % typical, +50 % at p90, mid-December to February).
    id: 'afghan-winter-roads',
    modes: ['ROAD'],
    via: ['Herat', 'Kandahar'],
    from: '12-15',
    until: '03-01',
    factor: { typical: 1.2, p90: 1.5 },
    reason: 'Afghan winter roads',
  },
  {
    // Torugart (3,750 m) and the Naryn road over the Tien Shan passes: snow from mid-November to
    // mid-March (assumed: +30 % typical, double at p90).
    id: 'torugart-winter',
    modes: ['ROAD'],
    via: ['Naryn'],
    from: '11-15',
    until: '03-15',
    factor: { typical: 1.3, p90: 2 },
    reason: 'winter on the Torugart and Naryn passes',
  },
];
