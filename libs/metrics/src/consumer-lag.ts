export interface PartitionWatermarks {
  partition: number;
  /** Offset of the next record to be written. */
  high: string;
  /** Offset of the oldest record still on the broker. */
  low: string;
}

export interface CommittedOffset {
  partition: number;
  /** The next offset the group will read; `-1` when it has committed nothing there. */
  offset: string;
}

export interface PartitionLag {
  topic: string;
  partition: number;
  lag: number;
}

/**
 * Records the group has yet to process, per partition. Without a commit (or with one older than the
 * retention) the group reads from the oldest record kept, as it subscribes from the beginning.
 */
export function consumerLag(
  topic: string,
  watermarks: PartitionWatermarks[],
  committed: CommittedOffset[],
): PartitionLag[] {
  const committedAt = new Map(committed.map((c) => [c.partition, Number(c.offset)]));
  return watermarks.map(({ partition, high, low }) => {
    const next = Math.max(committedAt.get(partition) ?? -1, Number(low));
    return { topic, partition, lag: Math.max(Number(high) - next, 0) };
  });
}
