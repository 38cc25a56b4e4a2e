import type { Kafka, KafkaMessage } from 'kafkajs';
import type { DataSource } from 'typeorm';
import { newEventId, toKafkaMessage } from '../cloud-events';
import { Faults } from '../faults';
import type { MessagingMetrics } from '../messaging-metrics';
import type { MessagingOptions } from '../messaging.options';
import { DeadLetterPublisher } from './dead-letter-publisher';
import { PermanentEventError } from './event-errors';
import { RecordApplier, type EventHandler } from './record-applier';

/** Unit tests with fakes: the retry / dead-letter decisions and what is counted, without a broker or a database. */
function harness({ maxAttempts = 3, alreadyProcessed = false } = {}) {
  const sent: { topic: string; messages: { headers?: Record<string, unknown> }[] }[] = [];
  const kafka = {
    producer: () => ({
      send: (record: (typeof sent)[number]) => {
        sent.push(record);
        return Promise.resolve();
      },
      connect: async () => {},
      disconnect: async () => {},
    }),
  } as unknown as Kafka;
  // The inbox insert answers the ids it inserted: one, or a chunk's (its 4th parameter) — none when already processed.
  const manager = {
    query: (_sql: string, params: unknown[] = []) =>
      Promise.resolve(
        alreadyProcessed
          ? []
          : Array.isArray(params[3])
            ? (params[3] as string[]).map((id) => ({ event_id: id.toLowerCase() }))
            : [{ event_id: 'x' }],
      ),
  };
  const dataSource = {
    transaction: async (work: (m: typeof manager) => Promise<unknown>) => work(manager),
  } as unknown as DataSource;
  const options = {
    service: 'customs',
    schema: 'customs',
    consumer: { maxAttempts, retryBaseMs: 1 },
  } as MessagingOptions;
  const reported: unknown[][] = [];
  const metrics: MessagingMetrics = {
    published: (...args) => void reported.push(['published', ...args]),
    consumed: (...args) => void reported.push(['consumed', ...args]),
    deadLettered: (...args) => void reported.push(['deadLettered', ...args]),
  };
  const handlers = new Map<string, EventHandler>();
  const deadLetters = new DeadLetterPublisher(kafka, options.service, metrics);
  const applier = new RecordApplier(
    options,
    dataSource,
    (type) => handlers.get(type),
    deadLetters,
    Faults.none(),
    metrics,
  );
  return { applier, handlers, sent, reported };
}

function record(headers: Record<string, string | undefined> = {}): KafkaMessage {
  const message = toKafkaMessage({
    id: newEventId(),
    type: 'shipment.cancelled',
    source: '/shipments',
    subject: 's-1',
    time: '2026-12-01T08:00:00.000Z',
    data: { shipmentId: 's-1', shipperId: 'shipper-1' },
  });
  return {
    ...message,
    headers: { ...message.headers, ...headers },
    key: Buffer.from('s-1'),
    value: Buffer.from(String(message.value)),
    offset: '7',
    timestamp: '0',
    attributes: 0,
  };
}

const position = { topic: 'shipments.events.v1', partition: 2, offset: '7' };

describe('RecordApplier.applyOne', () => {
  it('retries a failing handler and applies the event once it succeeds', async () => {
    const { applier, handlers, sent } = harness();
    let calls = 0;
    handlers.set('shipment.cancelled', () =>
      ++calls < 3 ? Promise.reject(new Error('database busy')) : Promise.resolve(),
    );
    await expect(applier.applyOne(position, record())).resolves.toBe('applied');
    expect(calls).toBe(3);
    expect(sent).toHaveLength(0);
  });

  it('dead-letters after the last attempt, with the error and the attempts, and moves on', async () => {
    const { applier, handlers, sent } = harness({ maxAttempts: 3 });
    handlers.set('shipment.cancelled', () => Promise.reject(new Error('no rule for this cargo')));
    await expect(applier.applyOne(position, record())).resolves.toBe('dead-lettered');
    expect(sent).toHaveLength(1);
    expect(sent[0].topic).toBe('shipments.events.v1.dlq');
    expect(sent[0].messages[0].headers).toMatchObject({
      dlq_error: 'no rule for this cargo',
      dlq_attempts: '3',
      dlq_origin_topic: 'shipments.events.v1',
      dlq_origin_partition: '2',
      dlq_origin_offset: '7',
      dlq_consumer: 'customs',
    });
  });

  it('dead-letters a permanent error at once, without retrying', async () => {
    const { applier, handlers, sent } = harness({ maxAttempts: 5 });
    let calls = 0;
    handlers.set('shipment.cancelled', () => {
      calls++;
      return Promise.reject(new PermanentEventError('cancellation of an unknown shipment'));
    });
    await expect(applier.applyOne(position, record())).resolves.toBe('dead-lettered');
    expect(calls).toBe(1);
    expect(sent[0].messages[0].headers).toMatchObject({ dlq_attempts: '1', dlq_error_type: 'PermanentEventError' });
  });

  it('skips an event whose ce_id is already in the inbox', async () => {
    const { applier, handlers } = harness({ alreadyProcessed: true });
    let calls = 0;
    handlers.set('shipment.cancelled', () => void calls++);
    await expect(applier.applyOne(position, record())).resolves.toBe('duplicate');
    expect(calls).toBe(0);
  });

  it('ignores types it has no handler for', async () => {
    const { applier } = harness();
    await expect(applier.applyOne(position, record())).resolves.toBe('ignored');
  });
});

describe('RecordApplier.applyTogether', () => {
  it('applies an event that comes twice in one chunk once, and skips a chunk already processed', async () => {
    const { applier, handlers, reported } = harness();
    let calls = 0;
    handlers.set('shipment.cancelled', () => void calls++);
    const twice = record();
    await expect(applier.applyTogether(position.topic, position.partition, [twice, record(), twice])).resolves.toBe(
      true,
    );
    expect(calls).toBe(2);
    expect(reported.map(([, , outcome]) => outcome)).toEqual(['applied', 'applied', 'duplicate']);

    const done = harness({ alreadyProcessed: true });
    done.handlers.set('shipment.cancelled', () => void calls++);
    await expect(done.applier.applyTogether(position.topic, position.partition, [record(), record()])).resolves.toBe(
      true,
    );
    expect(calls).toBe(2);
    expect(done.reported.map(([, , outcome]) => outcome)).toEqual(['duplicate', 'duplicate']);
  });

  it('applies a chunk in one transaction and counts each record', async () => {
    const { applier, handlers, reported } = harness();
    let calls = 0;
    handlers.set('shipment.cancelled', () => void calls++);
    await expect(applier.applyTogether(position.topic, position.partition, [record(), record()])).resolves.toBe(true);
    expect(calls).toBe(2);
    expect(reported).toEqual([
      ['consumed', 'shipment.cancelled', 'applied'],
      ['consumed', 'shipment.cancelled', 'applied'],
    ]);
  });

  it('gives the chunk back when a handler throws, without dead-lettering or counting anything', async () => {
    const { applier, handlers, sent, reported } = harness();
    handlers.set('shipment.cancelled', () => Promise.reject(new Error('database busy')));
    await expect(applier.applyTogether(position.topic, position.partition, [record(), record()])).resolves.toBe(false);
    expect(sent).toHaveLength(0);
    expect(reported).toEqual([]);
  });
});

describe('RecordApplier metrics', () => {
  it('reports each processed record with its ce_type and outcome', async () => {
    const { applier, handlers, reported } = harness({ maxAttempts: 1 });
    handlers.set('shipment.cancelled', async () => {});
    await applier.applyOne(position, record());
    expect(reported).toEqual([['consumed', 'shipment.cancelled', 'applied']]);
  });

  it('reports a dead letter by origin topic, and a record outside the catalogue as ce_type unknown', async () => {
    const { applier, reported } = harness({ maxAttempts: 1 });
    await applier.applyOne(position, record({ ce_type: 'shipment.teleported' }));
    expect(reported).toEqual([
      ['deadLettered', 'shipments.events.v1'],
      ['consumed', 'unknown', 'dead-lettered'],
    ]);
  });
});
