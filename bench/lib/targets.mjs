// Issue 14's targets for the whole stack on the project's 2-core box (a benchmark reports them; no test asserts them).
export const TARGETS = {
  singlePostsPerSec: 1500,
  batchEventsPerSec: 20_000,
  /** Accept p99 at this offered rate. */
  acceptP99Ms: 50,
  acceptP99Rate: 500,
  idleP50Ms: 5,
  drainSec: 10,
  healthLivePerSec: 15_000,
  rssMb: 200,
  /**
   * RSS flat across a long run (`--soak`): the mean over its last 10 % at most this
   * much above the mean over its first 10 %.
   */
  rssGrowthPercent: 10,
  /**
   * Throughput flat between 10,000 and 1,000,000 stored shipments (`--preload`): every level within this of the first.
   */
  flatPercent: 10,
  /** Post accepted → webhook received, per offered rate (events/s). */
  webhook: { 50: { p50: 20, p99: 100 }, 200: { p99: 250 } },
};
