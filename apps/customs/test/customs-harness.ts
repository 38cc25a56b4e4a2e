import { Partitioners, type Producer } from 'kafkajs';
import { topicName } from '@lib/contracts';
import {
  createCaller,
  createTestStack,
  startTestService,
  testKafka,
  type RunningService,
  type TestCaller,
  type TestStack,
} from '@lib/testing';
import { toKafkaMessage } from '../../../test/support/events';
import { customsModule } from './customs-module';

export interface CustomsHarness {
  stack: TestStack;
  customs: RunningService;
  producer: Producer;
  shipper: TestCaller;
  /** A broker acting for `shipper`. */
  broker: TestCaller;
  torkhamOfficer: TestCaller;
  chamanOfficer: TestCaller;
  operator: TestCaller;
  /** Puts shipments' facts (bookings, border arrivals) on the stack's shipments topic, as shipments would. */
  publish(...events: Parameters<typeof toKafkaMessage>[0][]): Promise<unknown>;
  stop(): Promise<void>;
}

/**
 * Customs alone on a private stack, with the callers its tests act as, and a producer standing in
 * for the shipments service.
 */
export async function startCustomsHarness(
  label: string,
  shipperName: string,
  env: NodeJS.ProcessEnv = {},
): Promise<CustomsHarness> {
  const stack = await createTestStack(label);
  const customs = await startTestService('customs', customsModule, env, stack);
  const shipper = await createCaller(stack, { name: shipperName, role: 'shipper' });
  const broker = await createCaller(stack, {
    name: 'Khyber Clearing Agency',
    role: 'customs_broker',
    actsFor: [shipper.tenantId],
  });
  const torkhamOfficer = await createCaller(stack, {
    name: 'Torkham customs',
    role: 'customs_officer',
    crossing: 'Torkham',
  });
  const chamanOfficer = await createCaller(stack, {
    name: 'Chaman customs',
    role: 'customs_officer',
    crossing: 'Chaman',
  });
  const operator = await createCaller(stack, { name: 'Control room', role: 'operator' });
  const producer = testKafka(label).producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  return {
    stack,
    customs,
    producer,
    shipper,
    broker,
    torkhamOfficer,
    chamanOfficer,
    operator,
    publish: (...events) =>
      producer.send({
        topic: topicName('shipments', stack.topicPrefix),
        acks: -1,
        messages: events.map((e) => toKafkaMessage(e)),
      }),
    stop: async () => {
      await producer.disconnect();
      await customs.stop();
      await stack.dispose();
    },
  };
}
