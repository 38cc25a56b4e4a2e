// Raw bound 2: what the broker takes from Kafka's own producer. ProducerPerformance from the
// kafka-tools artifact of the broker's version (fetched from Maven Central and cached beside the
// broker's jars by infra/infra.mjs) sends 400-byte records with acks=all and idempotence — the
// relay's settings — to a private topic with the project's partition count: once as fast as it
// can (throughput), once at a fixed rate (latency). On a cluster (`brokers`, `replication`) the topic
// is replicated as the project's are there, so acks=all waits for the in-sync replicas.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { kafkaToolsClasspath } from '../../infra/infra.mjs';
import { createTopicsInSync, withAdmin } from '../lib/kafka.mjs';
import { parseProducerPerformance } from '../lib/parse.mjs';
import { repo } from '../lib/common.mjs';

const RECORD_BYTES = 400;

function producerPerformance(classpath, topic, { records, throughput, brokers }) {
  const args = [
    '-Xmx256m',
    `-Dlog4j.configuration=file:${join(repo, 'infra/kafka-tools/log4j.properties')}`,
    '-cp',
    classpath,
    'org.apache.kafka.tools.ProducerPerformance',
    '--topic',
    topic,
    '--num-records',
    String(records),
    '--record-size',
    String(RECORD_BYTES),
    '--throughput',
    String(throughput),
    '--producer-props',
    `bootstrap.servers=${brokers}`,
    'acks=all',
    'enable.idempotence=true',
  ];
  return new Promise((resolve, reject) =>
    execFile('java', args, { maxBuffer: 16 * 2 ** 20 }, (error, stdout, stderr) =>
      error
        ? reject(new Error(`ProducerPerformance failed: ${error.message}\n${stderr}`))
        : resolve(parseProducerPerformance(stdout)),
    ),
  );
}

/**
 * @param {{
 *   partitions: number, records: number, latencyRate: number, latencySeconds: number, log?: (line: string) => void,
 *   brokers?: string[], replication?: { replicationFactor: number, minInSyncReplicas: number }
 * }} options `brokers` default KAFKA_BROKERS or the local broker; `replication` default the broker's (one replica)
 */
export async function runKafkaBound({ partitions, records, latencyRate, latencySeconds, log, brokers, replication }) {
  const classpath = kafkaToolsClasspath();
  const bootstrap = brokers?.join(',') ?? process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';
  const topic = `bench_pp_${randomBytes(3).toString('hex')}`;
  await withAdmin(
    (a) =>
      replication
        ? createTopicsInSync(
            a,
            [
              {
                topic,
                numPartitions: partitions,
                replicationFactor: replication.replicationFactor,
                configEntries: [{ name: 'min.insync.replicas', value: String(replication.minInSyncReplicas) }],
              },
            ],
            { minInSync: replication.minInSyncReplicas },
          )
        : a.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: partitions }] }),
    brokers,
  );
  try {
    const throughput = await producerPerformance(classpath, topic, { records, throughput: -1, brokers: bootstrap });
    log?.(
      `  ProducerPerformance, ${records} × ${RECORD_BYTES} B, acks=all, idempotent: ` +
        `${Math.round(throughput.recordsPerSec)} records/s (p50 ${throughput.p50} ms, p99 ${throughput.p99} ms)`,
    );
    const latency = await producerPerformance(classpath, topic, {
      records: latencyRate * latencySeconds,
      throughput: latencyRate,
      brokers: bootstrap,
    });
    log?.(
      `  ProducerPerformance at ${latencyRate} records/s: p50 ${latency.p50} ms, p99 ${latency.p99} ms, ` +
        `max ${latency.maxMs} ms`,
    );
    return { throughput, latency, latencyRate, recordBytes: RECORD_BYTES };
  } finally {
    await withAdmin((a) => a.deleteTopics({ topics: [topic], timeout: 10_000 }), brokers).catch(() => undefined);
  }
}
