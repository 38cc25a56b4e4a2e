import type { Consumer, EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import { Faults } from '../faults';
import type { MessagingOptions } from '../messaging.options';
import { ConsumeLoop } from './consume-loop';
import type { DeadLetterPublisher } from './dead-letter-publisher';
import type { RecordApplier } from './record-applier';

/** The offset bookkeeping of a batch, with a fake kafkajs consumer and a fake applier. */
async function harness({ appliesTogether = true } = {}) {
  const committed: string[] = [];
  const appliedOneByOne: string[] = [];
  let eachBatch!: (payload: EachBatchPayload) => Promise<void>;
  let crash!: () => void;
  let running!: () => void;
  const started = new Promise<void>((resolve) => (running = resolve));
  const consumer = {
    events: { CRASH: 'consumer.crash' },
    connect: async () => {},
    subscribe: async () => {},
    disconnect: async () => {},
    on: (_event: string, listener: (event: { payload: { restart: boolean } }) => void) => {
      crash = () => listener({ payload: { restart: false } });
    },
    run: (config: { eachBatch: typeof eachBatch }) => {
      eachBatch = config.eachBatch;
      running();
      return Promise.resolve();
    },
    commitOffsets: ([{ offset }]: { offset: string }[]) => {
      committed.push(offset);
      return Promise.resolve();
    },
  } as unknown as Consumer;
  const kafka = { consumer: () => consumer } as unknown as Kafka;
  const applier = {
    applyTogether: () => Promise.resolve(appliesTogether),
    applyOne: (_position: unknown, message: KafkaMessage) => {
      appliedOneByOne.push(message.offset);
      return Promise.resolve('applied');
    },
  } as unknown as RecordApplier;
  const deadLetters = { connect: async () => {} } as unknown as DeadLetterPublisher;
  const settings = {
    sessionTimeoutMs: 6000,
    heartbeatIntervalMs: 500,
    fetchMaxWaitMs: 200,
    partitionsConcurrently: 1,
  } as MessagingOptions['consumer'];
  const loop = new ConsumeLoop(kafka, 't1-customs', settings, applier, deadLetters, Faults.none());
  loop.start(['t1-shipments.events.v1'], []);
  await started;
  const stop = async () => {
    crash();
    await loop.close();
  };
  return { eachBatch, committed, appliedOneByOne, stop };
}

function batch(records: number, isRunning: () => boolean = () => true): EachBatchPayload {
  const messages = Array.from(
    { length: records },
    (_, i) => ({ offset: String(i), key: null, value: null, timestamp: '0', attributes: 0 }) as KafkaMessage,
  );
  return {
    batch: { topic: 't1-shipments.events.v1', partition: 0, messages },
    resolveOffset: () => {},
    heartbeat: async () => {},
    isRunning,
    isStale: () => false,
  } as unknown as EachBatchPayload;
}

describe('ConsumeLoop', () => {
  it('commits every 100 records and at the end of the batch, past the last record applied', async () => {
    const { eachBatch, committed, appliedOneByOne, stop } = await harness();
    await eachBatch(batch(120));
    expect(committed).toEqual(['100', '120']);
    expect(appliedOneByOne).toEqual([]);
    await stop();
  });

  it('applies the records of a chunk one by one when the chunk does not apply as a whole', async () => {
    const { eachBatch, committed, appliedOneByOne, stop } = await harness({ appliesTogether: false });
    await eachBatch(batch(3));
    expect(appliedOneByOne).toEqual(['0', '1', '2']);
    expect(committed).toEqual(['3']);
    await stop();
  });

  it('stops between records once the partition is no longer its own, committing what was applied', async () => {
    const { eachBatch, committed, appliedOneByOne, stop } = await harness({ appliesTogether: false });
    await eachBatch(batch(3, () => appliedOneByOne.length < 2));
    expect(appliedOneByOne).toEqual(['0', '1']);
    expect(committed).toEqual(['2']);
    await stop();
  });
});
