import { consumerLag, type PartitionWatermarks } from '@lib/metrics';
import { originTopicName } from '@lib/contracts';
import type { KafkaSample, OutboxStatus, QueueStatus, Sample, ServiceHealth } from './sample';

/** One value per sample of the history (aligned with `OverviewView.times`); null where it is unknown. */
export type Series = (number | null)[];

interface TopicView {
  topic: string;
  /** Records written per second, over the last two samples. */
  inPerSec: number | null;
  /** Records consumed per second by all consumer groups together. */
  outPerSec: number | null;
  /** Records the broker holds (high − low watermark, all partitions). */
  records: number;
  consumers: string[];
  inSeries: Series;
  outSeries: Series;
}

interface LagView {
  groupId: string;
  service: string;
  topic: string;
  total: number;
  partitions: { partition: number; lag: number }[];
  outPerSec: number | null;
  series: Series;
}

interface DeadLetterView {
  topic: string;
  origin: string;
  count: number;
  series: Series;
}

export interface OverviewView {
  /** Epoch ms of the latest sample; null before the first. */
  sampledAt: number | null;
  /** Epoch seconds of every sample in the history, oldest first (the sparklines' x axis). */
  times: number[];
  services: ServiceHealth[];
  kafkaAnswered: boolean;
  topics: TopicView[];
  lag: LagView[];
  outbox: (OutboxStatus & { series: Series })[];
  /** Undefined when Redis did not answer at the latest sample. */
  queues?: (QueueStatus & { series: Series })[];
  deadLetters: DeadLetterView[];
}

type Watermarks = Map<string, PartitionWatermarks[]>;

function watermarksOf(kafka: KafkaSample | undefined): Watermarks {
  return new Map((kafka?.topics ?? []).map((t) => [t.topic, t.partitions]));
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

/** Offset of the next record to be written, summed over partitions. */
function written(watermarks: Watermarks, topic: string): number | null {
  const partitions = watermarks.get(topic);
  return partitions ? sum(partitions.map((p) => Number(p.high))) : null;
}

/** Records still on the broker. */
function retained(partitions: PartitionWatermarks[]): number {
  return sum(partitions.map((p) => Math.max(Number(p.high) - Number(p.low), 0)));
}

/**
 * Where a group stands on a topic, summed over partitions: its commit, or the oldest record
 * kept if it has none (as consumerLag counts).
 */
function consumed(sample: Sample | undefined, groupId: string, topic: string): number | null {
  const group = sample?.kafka?.groups.find((g) => g.groupId === groupId);
  const committed = group?.topics.find((t) => t.topic === topic)?.committed;
  const partitions = watermarksOf(sample?.kafka).get(topic);
  if (!committed || !partitions) return null;
  const at = new Map(committed.map((c) => [c.partition, Number(c.offset)]));
  return sum(partitions.map((p) => Math.max(at.get(p.partition) ?? -1, Number(p.low))));
}

/** Per second between two samples; never negative (a recreated topic starts again from 0). */
export function ratePerSecond(before: number | null, after: number | null, elapsedMs: number): number | null {
  if (before === null || after === null || elapsedMs <= 0) return null;
  return Math.max(after - before, 0) / (elapsedMs / 1000);
}

/** A per-sample series of `value`, and of its rate between consecutive samples. */
function seriesOf(
  history: readonly Sample[],
  value: (sample: Sample) => number | null,
): { values: Series; rates: Series } {
  const values = history.map(value);
  const rates = values.map((v, i) =>
    i === 0 ? null : ratePerSecond(values[i - 1], v, history[i].at - history[i - 1].at),
  );
  return { values, rates };
}

const last = <T>(items: readonly T[]): T | undefined => items[items.length - 1];

/** Everything the overview shows, from the samples of the last 15 minutes (oldest first). */
export function overviewOf(history: readonly Sample[]): OverviewView {
  const latest = last(history);
  const kafka = latest?.kafka;
  const watermarks = watermarksOf(kafka);
  const groups = kafka?.groups ?? [];

  const lag: LagView[] = groups.flatMap((group) =>
    group.topics.map(({ topic, committed }) => {
      const partitions = consumerLag(topic, watermarks.get(topic) ?? [], committed)
        .map(({ partition, lag }) => ({ partition, lag }))
        .sort((a, b) => a.partition - b.partition);
      const series = history.map((sample) => {
        const g = sample.kafka?.groups.find((x) => x.groupId === group.groupId)?.topics.find((t) => t.topic === topic);
        const w = watermarksOf(sample.kafka).get(topic);
        return g && w ? sum(consumerLag(topic, w, g.committed).map((p) => p.lag)) : null;
      });
      return {
        groupId: group.groupId,
        service: group.service,
        topic,
        total: sum(partitions.map((p) => p.lag)),
        partitions,
        outPerSec: last(seriesOf(history, (s) => consumed(s, group.groupId, topic)).rates) ?? null,
        series,
      };
    }),
  );

  const topics: TopicView[] = (kafka?.topics ?? [])
    .filter((t) => !t.deadLetter)
    .map(({ topic, partitions }) => {
      const consumers = groups.filter((g) => g.topics.some((t) => t.topic === topic));
      const inSeries = seriesOf(history, (s) => written(watermarksOf(s.kafka), topic)).rates;
      const outSeries = seriesOf(history, (s) => {
        const positions = consumers.map((g) => consumed(s, g.groupId, topic));
        return positions.length === 0 || positions.some((p) => p === null) ? null : sum(positions as number[]);
      }).rates;
      return {
        topic,
        inPerSec: last(inSeries) ?? null,
        outPerSec: consumers.length ? (last(outSeries) ?? null) : null,
        records: retained(partitions),
        consumers: consumers.map((g) => g.service),
        inSeries,
        outSeries,
      };
    });

  const deadLetters: DeadLetterView[] = (kafka?.topics ?? [])
    .filter((t) => t.deadLetter)
    .map(({ topic, partitions }) => ({
      topic,
      origin: originTopicName(topic),
      count: retained(partitions),
      series: history.map((s) => {
        const w = watermarksOf(s.kafka).get(topic);
        return w ? retained(w) : null;
      }),
    }));

  const outbox = (latest?.outbox ?? []).map((status) => ({
    ...status,
    series: history.map((s) => s.outbox.find((o) => o.service === status.service)?.pending ?? null),
  }));

  const queues = latest?.queues?.map((status) => ({
    ...status,
    series: history.map((s) => {
      const q = s.queues?.find((x) => x.queue === status.queue);
      return q ? q.waiting + q.delayed + q.active : null;
    }),
  }));

  return {
    sampledAt: latest?.at ?? null,
    times: history.map((s) => Math.round(s.at / 1000)),
    services: latest?.health ?? [],
    kafkaAnswered: kafka !== undefined,
    topics,
    lag,
    outbox,
    queues,
    deadLetters,
  };
}
