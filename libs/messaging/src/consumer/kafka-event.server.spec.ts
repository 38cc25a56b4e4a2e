import type { Kafka, KafkaMessage } from 'kafkajs';
import type { DataSource } from 'typeorm';
import { newEventId, toKafkaMessage } from '../cloud-events';
import { Faults } from '../faults';
import type { MessagingOptions } from '../messaging.options';
import { PermanentEventError } from './event-errors';
import { KafkaEventServer } from './kafka-event.server';

/** Unit tests with fakes: the retry / dead-letter decisions, without a broker or a database. */
function harness({ maxAttempts = 3, alreadyProcessed = false } = {}) {
  const sent: { topic: string; messages: { headers?: Record<string, unknown> }[] }[] = [];
  const kafka = { producer: () => ({ send: async (record: (typeof sent)[number]) => void sent.push(record), connect: async () => {}, disconnect: async () => {} }) } as unknown as Kafka;
  const manager = { query: async () => (alreadyProcessed ? [] : [{ event_id: 'x' }]) };
  const dataSource = { transaction: async (work: (m: typeof manager) => Promise<unknown>) => work(manager) } as unknown as DataSource;
  const options = {
    service: 'customs',
    schema: 'customs',
    topicPrefix: '',
    consumer: { maxAttempts, retryBaseMs: 1, sessionTimeoutMs: 6000, heartbeatIntervalMs: 500 },
  } as MessagingOptions;
  const server = new KafkaEventServer(options, kafka, dataSource, Faults.none());
  return { server, sent };
}

function record(): KafkaMessage {
  const event = {
    id: newEventId(),
    type: 'shipment.cancelled' as const,
    source: '/shipments',
    subject: 's-1',
    time: '2026-12-01T08:00:00.000Z',
    data: { shipmentId: 's-1', shipperId: 'shipper-1' },
  };
  const message = toKafkaMessage(event);
  return { ...message, key: Buffer.from('s-1'), value: Buffer.from(String(message.value)), offset: '7', timestamp: '0', attributes: 0 } as KafkaMessage;
}

const position = { topic: 'shipments.events.v1', partition: 2, offset: '7' };

describe('KafkaEventServer.process', () => {
  it('retries a failing handler and applies the event once it succeeds', async () => {
    const { server, sent } = harness();
    let calls = 0;
    server.addHandler('shipment.cancelled', async () => {
      if (++calls < 3) throw new Error('database busy');
    }, true);
    await expect(server.process(position, record())).resolves.toBe('applied');
    expect(calls).toBe(3);
    expect(sent).toHaveLength(0);
  });

  it('dead-letters after the last attempt, with the error and the attempts, and moves on', async () => {
    const { server, sent } = harness({ maxAttempts: 3 });
    server.addHandler('shipment.cancelled', async () => {
      throw new Error('no rule for this cargo');
    }, true);
    await expect(server.process(position, record())).resolves.toBe('dead-lettered');
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
    const { server, sent } = harness({ maxAttempts: 5 });
    let calls = 0;
    server.addHandler('shipment.cancelled', async () => {
      calls++;
      throw new PermanentEventError('cancellation of an unknown shipment');
    }, true);
    await expect(server.process(position, record())).resolves.toBe('dead-lettered');
    expect(calls).toBe(1);
    expect(sent[0].messages[0].headers).toMatchObject({ dlq_attempts: '1', dlq_error_type: 'PermanentEventError' });
  });

  it('skips an event whose ce_id is already in the inbox', async () => {
    const { server } = harness({ alreadyProcessed: true });
    let calls = 0;
    server.addHandler('shipment.cancelled', async () => void calls++, true);
    await expect(server.process(position, record())).resolves.toBe('duplicate');
    expect(calls).toBe(0);
  });

  it('ignores types it has no handler for', async () => {
    const { server } = harness();
    await expect(server.process(position, record())).resolves.toBe('ignored');
  });

  it('refuses to start with a handler for a type outside the catalogue', () => {
    const { server } = harness();
    server.addHandler('shipment.teleported', async () => {}, true);
    expect(() => server.handledTypes()).toThrow(`@EventPattern('shipment.teleported') is not a ce_type of the catalogue`);
  });

  it('refuses two handlers for one type', () => {
    const { server } = harness();
    server.addHandler('shipment.cancelled', async () => {}, true);
    server.addHandler('shipment.cancelled', async () => {}, true);
    expect(() => server.handledTypes()).toThrow(`'shipment.cancelled' has more than one handler in customs`);
  });
});
