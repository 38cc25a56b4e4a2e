// A Kafka of the benchmark's own: one broker or a replicated cluster started by infra/infra.mjs in a
// private state directory on ports the OS picks, so it never touches the local broker on 9092 that
// the rest of the checkout (and anyone else on the box) uses. `down()` stops it and removes its state.
import { execFile, execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { repo } from './common.mjs';
import { freePort } from './ports.mjs';
import { databaseUrl } from './postgres.mjs';

const infra = (command, env) =>
  new Promise((resolve, reject) =>
    execFile(process.execPath, [join(repo, 'infra/infra.mjs'), ...command], { env }, (error, stdout, stderr) =>
      error ? reject(new Error(`infra.mjs ${command.join(' ')} failed: ${stderr || error.message}`)) : resolve(stdout),
    ),
  );

/**
 * @param {{ size: number, stateDir: string }} options
 * @returns {Promise<{
 *   size: number, brokers: string[], pids: number[], replicationFactor: number, minInSyncReplicas: number,
 *   down: () => Promise<void>, downSync: () => void
 * }>} replication as the project's own topics get it on a cluster of this size (infra.mjs topicReplication);
 *   `downSync` for a signal handler, which must finish before another handler exits the process
 */
export async function startBenchKafka({ size, stateDir }) {
  const ports = [];
  while (ports.length < 2 * size) {
    const port = await freePort();
    if (!ports.includes(port)) ports.push(port);
  }
  // Nothing of the environment may point infra.mjs at the local broker or its topics.
  const inherited = { ...process.env };
  for (const name of ['KAFKA_BROKERS', 'KAFKA_PORT', 'KAFKA_CONTROLLER_PORT', 'KAFKA_TOPIC_PREFIX'])
    delete inherited[name];
  const env = {
    ...inherited,
    INFRA_STATE_DIR: stateDir,
    KAFKA_BROKER_COUNT: String(size),
    KAFKA_PORTS: ports.slice(0, size).join(','),
    KAFKA_CONTROLLER_PORTS: ports.slice(size).join(','),
    // `up` makes sure the database of DATABASE_URL exists: name one that always does.
    DATABASE_URL: databaseUrl('postgres'),
  };
  const down = async () => {
    await infra(['down'], env).catch((error) => process.stderr.write(`${error.message}\n`));
    rmSync(stateDir, { recursive: true, force: true });
  };
  const downSync = () => {
    try {
      execFileSync(process.execPath, [join(repo, 'infra/infra.mjs'), 'down'], { env, stdio: 'ignore' });
    } finally {
      rmSync(stateDir, { recursive: true, force: true });
    }
  };
  try {
    // `up` is idempotent; on a busy box its topic creation on a fresh cluster may meet a broker that
    // has not heard of a topic yet ("does not host this topic-partition"): the next `up` finds the
    // cluster running and finishes.
    for (let tries = 1; ; tries++) {
      try {
        await infra(['up'], env);
        break;
      } catch (error) {
        if (tries >= 3 || !/does not host this topic-partition|leader/i.test(error.message)) throw error;
        process.stderr.write(`  ${error.message.split('\n')[0]}; running infra up again\n`);
      }
    }
    const state = JSON.parse(await infra(['status', '--json'], env));
    const stopped = state.brokers.filter((b) => !b.up || b.pid === null);
    if (stopped.length) throw new Error(`kafka: brokers ${stopped.map((b) => b.id).join(', ')} not up after infra up`);
    return {
      size,
      brokers: state.brokers.map((b) => b.address),
      pids: state.brokers.map((b) => b.pid),
      replicationFactor: Math.min(3, size),
      minInSyncReplicas: size >= 3 ? 2 : 1,
      down,
      downSync,
    };
  } catch (error) {
    await down();
    throw error;
  }
}
