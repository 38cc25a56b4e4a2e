// Formatting the benchmark's table (pure): numbers, ratios against a raw bound, targets, and a
// Markdown table aligned for the terminal (pasted as is into the README).

const DASH = '–';

/** 38000 → "38,000"; 17.84 → "17.8" (one decimal below 10, whole numbers above). */
export function formatNumber(value) {
  if (value === undefined || value === null || !Number.isFinite(value)) return DASH;
  const rounded = Math.abs(value) < 10 && !Number.isInteger(value) ? Math.round(value * 10) / 10 : Math.round(value);
  return rounded.toLocaleString('en-US');
}

/**
 * How the project's figure compares with its raw bound. For a rate (higher is better): the share of
 * the bound reached, "6 %" (one decimal below 10 %). For a latency (lower is better): how many times
 * the bound it takes, "×52" (one decimal below ×10). A dash when either side is missing or the bound is 0.
 * @param {'rate' | 'latency'} kind
 */
export function formatRatio(kind, bound, project) {
  if (![bound, project].every((v) => typeof v === 'number' && Number.isFinite(v)) || bound <= 0) return DASH;
  if (kind === 'rate') {
    const percent = (project / bound) * 100;
    return `${percent < 10 ? (Math.round(percent * 10) / 10).toString() : Math.round(percent).toString()} %`;
  }
  const times = project / bound;
  return `×${times < 10 ? Math.round(times * 10) / 10 : Math.round(times)}`;
}

/**
 * "≥ 1,500 met" / "≤ 50 ms MISSED"; only the target when the figure is missing.
 * @param {{ atLeast?: number, atMost?: number, unit?: string }} target
 */
export function formatTarget(target, value) {
  if (!target) return '';
  const bound = target.atLeast ?? target.atMost;
  const unit = !target.unit ? '' : target.unit.startsWith('/') ? target.unit : ` ${target.unit}`;
  const text = `${target.atLeast !== undefined ? '≥' : '≤'} ${formatNumber(bound)}${unit}`;
  if (value === undefined || value === null || Number.isNaN(value)) return text;
  const met = target.atLeast !== undefined ? value >= target.atLeast : value <= target.atMost;
  return `${text} ${met ? 'met' : 'MISSED'}`;
}

/** "within ±10 % met" / "… MISSED" for changes in percent (signed); only the target when a change is missing. */
export function formatFlat(limitPercent, changes) {
  const text = `within ±${formatNumber(limitPercent)} %`;
  if (changes.length === 0 || changes.some((c) => c === undefined || c === null || Number.isNaN(c))) return text;
  return `${text} ${changes.every((c) => Math.abs(c) <= limitPercent) ? 'met' : 'MISSED'}`;
}

/** +4.2 % / −12 % (one decimal below 10). */
export function formatChange(percent) {
  if (percent === undefined || percent === null || !Number.isFinite(percent)) return DASH;
  return `${percent < 0 ? '−' : '+'}${formatNumber(Math.abs(percent))} %`;
}

/** A Markdown table whose columns line up in a terminal. */
export function markdownTable(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => String(row[i] ?? '').length)));
  const line = (cells) => `| ${cells.map((cell, i) => String(cell ?? '').padEnd(widths[i])).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}
