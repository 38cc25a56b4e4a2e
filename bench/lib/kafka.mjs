// The broker the benchmarks use (KAFKA_BROKERS, default the local one infra.mjs starts).
import { Kafka, logLevel } from 'kafkajs';

const kafka = new Kafka({
  clientId: 'bench',
  brokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','),
  logLevel: logLevel.NOTHING,
});

/** Runs `work(admin)` on a connected admin client and disconnects it. */
export async function withAdmin(work) {
  const client = kafka.admin();
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.disconnect();
  }
}
