import { overviewOf, ratePerSecond } from './overview.view';
import { overviewFragment } from './overview.page';
import type { KafkaSample, Sample } from './sample';

const SOURCE = 'shipments.events.v1';
const DLQ = 'shipments.events.v1.dlq';

/** Two partitions per topic; `written` and `kept` per partition, `customs` the group's commits. */
function kafka({
  written,
  low = [0, 0],
  dead = [0, 0],
  committed,
}: {
  written: number[];
  low?: number[];
  dead?: number[];
  committed?: number[];
}): KafkaSample {
  return {
    topics: [
      {
        topic: SOURCE,
        deadLetter: false,
        partitions: written.map((high, partition) => ({ partition, high: String(high), low: String(low[partition]) })),
      },
      {
        topic: DLQ,
        deadLetter: true,
        partitions: dead.map((high, partition) => ({ partition, high: String(high), low: '0' })),
      },
    ],
    groups: committed
      ? [
          {
            groupId: 'customs',
            service: 'customs',
            topics: [
              {
                topic: SOURCE,
                committed: committed.map((offset, partition) => ({ partition, offset: String(offset) })),
              },
            ],
          },
        ]
      : [],
  };
}

const sample = (at: number, parts: Partial<Sample> = {}): Sample => ({ at, health: [], outbox: [], ...parts });

describe('ratePerSecond', () => {
  it('is the increase per second, never negative, unknown without both ends', () => {
    expect(ratePerSecond(100, 150, 5_000)).toBe(10);
    expect(ratePerSecond(150, 0, 5_000)).toBe(0);
    expect(ratePerSecond(null, 10, 5_000)).toBeNull();
    expect(ratePerSecond(1, 2, 0)).toBeNull();
  });
});

describe('overviewOf', () => {
  it('is empty before the first sample', () => {
    expect(overviewOf([])).toMatchObject({ sampledAt: null, topics: [], lag: [], kafkaAnswered: false, times: [] });
  });

  it('gives records/s in and out per topic from the last two samples, and the series over the history', () => {
    const view = overviewOf([
      sample(0, { kafka: kafka({ written: [10, 10], committed: [10, 10] }) }),
      sample(5_000, { kafka: kafka({ written: [40, 30], committed: [25, 20] }) }),
      sample(10_000, { kafka: kafka({ written: [60, 60], committed: [50, 40] }) }),
    ]);
    expect(view.topics).toEqual([
      expect.objectContaining({
        topic: SOURCE,
        inPerSec: 10,
        outPerSec: 9,
        records: 120,
        consumers: ['customs'],
        inSeries: [null, 10, 10],
        outSeries: [null, 5, 9],
      }),
    ]);
    expect(view.times).toEqual([0, 5, 10]);
    expect(view.sampledAt).toBe(10_000);
  });

  it('gives the lag per group and partition, counting an uncommitted partition from the oldest record kept', () => {
    const view = overviewOf([sample(0, { kafka: kafka({ written: [60, 30], low: [0, 5], committed: [50, -1] }) })]);
    expect(view.lag).toEqual([
      expect.objectContaining({
        groupId: 'customs',
        topic: SOURCE,
        total: 35,
        partitions: [
          { partition: 0, lag: 10 },
          { partition: 1, lag: 25 },
        ],
        series: [35],
      }),
    ]);
  });

  it('counts the dead letters kept on each .dlq topic, with its origin', () => {
    const view = overviewOf([
      sample(0, { kafka: kafka({ written: [0, 0], dead: [0, 0] }) }),
      sample(5_000, { kafka: kafka({ written: [0, 0], dead: [2, 1] }) }),
    ]);
    expect(view.deadLetters).toEqual([{ topic: DLQ, origin: SOURCE, count: 3, series: [0, 3] }]);
  });

  it('shows a topic nobody consumes yet without an out rate', () => {
    const view = overviewOf([
      sample(0, { kafka: kafka({ written: [1, 1] }) }),
      sample(1_000, { kafka: kafka({ written: [2, 2] }) }),
    ]);
    expect(view.topics[0]).toMatchObject({ inPerSec: 2, outPerSec: null, consumers: [] });
  });

  it('says Kafka is unknown when the latest sample has no answer from it, and leaves holes in the series', () => {
    const view = overviewOf([sample(0, { kafka: kafka({ written: [1, 1], dead: [1, 0] }) }), sample(5_000)]);
    expect(view.kafkaAnswered).toBe(false);
    expect(view.topics).toEqual([]);
    const earlier = overviewOf([
      sample(0, { kafka: kafka({ written: [1, 1] }) }),
      sample(5_000),
      sample(10_000, { kafka: kafka({ written: [3, 3] }) }),
    ]);
    expect(earlier.topics[0].inSeries).toEqual([null, null, null]);
  });

  it('follows each outbox backlog and queue depth over the history', () => {
    const queue = (waiting: number) => ({
      queue: 'notification-deliveries',
      waiting,
      delayed: 1,
      active: 0,
      failed: 0,
      nextDelayedAt: 70_000,
    });
    const view = overviewOf([
      sample(0, { outbox: [{ service: 'shipments', pending: 4, oldestPendingAgeMs: 900 }], queues: [queue(2)] }),
      sample(5_000, { outbox: [{ service: 'shipments', pending: 0, oldestPendingAgeMs: null }] }),
      sample(10_000, {
        outbox: [{ service: 'shipments', pending: null, oldestPendingAgeMs: null }],
        queues: [queue(5)],
      }),
    ]);
    expect(view.outbox).toEqual([
      { service: 'shipments', pending: null, oldestPendingAgeMs: null, series: [4, 0, null] },
    ]);
    expect(view.queues).toEqual([
      expect.objectContaining({ queue: 'notification-deliveries', waiting: 5, series: [3, null, 6] }),
    ]);
  });
});

describe('overviewFragment', () => {
  it('renders the figures in tables with the sparkline data and a label in words', () => {
    const view = overviewOf([
      sample(0, { kafka: kafka({ written: [0, 0], committed: [0, 0] }) }),
      sample(5_000, {
        kafka: kafka({ written: [25, 25], committed: [20, 20], dead: [1, 0] }),
        health: [
          {
            service: 'shipments',
            url: 'http://x',
            status: 'up',
            checks: { postgres: 'up', redis: 'up', kafka: 'down' },
          },
        ],
      }),
    ]);
    const fragment = overviewFragment(view, 5_000).value;
    expect(fragment).toContain('<th scope="row">shipments</th><td><span class="status ok">up</span></td>');
    expect(fragment).toContain(
      '<td class="num" data-figure="in">10/s</td><td class="num" data-figure="out">8.0/s</td>',
    );
    expect(fragment).toContain('data-values="[null,10]"');
    expect(fragment).toContain(
      'aria-label="shipments.events.v1 records in per second, last 15 minutes: now 10/s, peak 10/s"',
    );
    expect(fragment).toContain('<td class="num" data-figure="dead-letters">1</td>');
    expect(fragment).toContain('data-times="[0,5]"');
  });
});
