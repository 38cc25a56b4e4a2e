// Whether a figure stays flat (pure): a service's memory across a long run, throughput across store sizes.

const mean = (values) => values.reduce((sum, v) => sum + v, 0) / values.length;

/**
 * Each service's resident memory over a run, from samples in time order: at the start, the peak, at
 * the end, and the mean over the first `share` of the run's time against the mean over the last
 * (each window holds at least the first or last sample), with the growth between them.
 * @param {{ at: number, rssMb: Record<string, number | undefined> }[]} samples
 */
export function rssTrend(samples, share = 0.1) {
  if (samples.length === 0) return {};
  const from = samples[0].at;
  const to = samples[samples.length - 1].at;
  const names = [...new Set(samples.flatMap((s) => Object.keys(s.rssMb)))];
  const trend = {};
  for (const name of names) {
    const seen = samples.filter((s) => s.rssMb[name] !== undefined).map((s) => ({ at: s.at, mb: s.rssMb[name] }));
    if (seen.length === 0) continue;
    const early = seen.filter((s) => s.at <= from + share * (to - from));
    const late = seen.filter((s) => s.at >= to - share * (to - from));
    const firstMb = mean((early.length ? early : seen.slice(0, 1)).map((s) => s.mb));
    const lastMb = mean((late.length ? late : seen.slice(-1)).map((s) => s.mb));
    trend[name] = {
      startMb: seen[0].mb,
      peakMb: Math.max(...seen.map((s) => s.mb)),
      endMb: seen[seen.length - 1].mb,
      firstMb,
      lastMb,
      growthMb: lastMb - firstMb,
      growthPercent: ((lastMb - firstMb) / firstMb) * 100,
    };
  }
  return trend;
}

/** How far `value` lies from `reference`, in percent of it (+ above, − below); undefined when either is missing. */
export function changePercent(reference, value) {
  if (![reference, value].every((v) => typeof v === 'number' && Number.isFinite(v)) || reference <= 0) return undefined;
  return (value / reference - 1) * 100;
}
