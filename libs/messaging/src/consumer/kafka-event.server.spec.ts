import type { Kafka } from 'kafkajs';
import type { DataSource } from 'typeorm';
import { Faults } from '../faults';
import type { MessagingOptions } from '../messaging.options';
import { KafkaEventServer } from './kafka-event.server';

/** The handler registry checks, which run before anything connects: no broker or database needed. */
function harness() {
  const kafka = { producer: () => ({}) } as unknown as Kafka;
  const options = {
    service: 'customs',
    schema: 'customs',
    topicPrefix: 't1-',
    consumer: { maxAttempts: 3, retryBaseMs: 1 },
  } as MessagingOptions;
  return new KafkaEventServer(options, kafka, {} as DataSource, Faults.none());
}

describe('KafkaEventServer', () => {
  it('consumes the topics of the types it handles, once each, as the group of its service', () => {
    const server = harness();
    server.addHandler('shipment.cancelled', async () => {}, true);
    server.addHandler('shipment.booked', async () => {}, true);
    expect(server.handledTypes()).toEqual(['shipment.cancelled', 'shipment.booked']);
    expect(server.topics()).toEqual(['t1-shipments.events.v1']);
    expect(server.groupId).toBe('t1-customs');
  });

  it('refuses to start with a handler for a type outside the catalogue', () => {
    const server = harness();
    server.addHandler('shipment.teleported', async () => {}, true);
    expect(() => server.handledTypes()).toThrow(
      `@EventPattern('shipment.teleported') is not a ce_type of the catalogue`,
    );
  });

  it('refuses two handlers for one type', () => {
    const server = harness();
    server.addHandler('shipment.cancelled', async () => {}, true);
    server.addHandler('shipment.cancelled', async () => {}, true);
    expect(() => server.handledTypes()).toThrow(`'shipment.cancelled' has more than one handler in customs`);
  });
});
