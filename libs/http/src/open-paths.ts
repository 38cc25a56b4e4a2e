/**
 * Health probes (`/health/…`), metrics (`/metrics`) and the API docs (`/docs`, its assets under
 * `/docs/…`, `/docs-json`): open without a key and never rate limited. Anchored at a segment's end,
 * so `/healthX` or `/docsfoo` are verified and limited like any other path.
 */
const OPEN_PATHS = /^\/(health|metrics|docs|docs-json)(\/|\?|$)/;

export function isOpenPath(url: string): boolean {
  return OPEN_PATHS.test(url);
}
