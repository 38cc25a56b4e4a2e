// Where the CPU goes: the CPU time of every part of the stack over a window, from /proc (Linux),
// per event. On a shared 2-core box wall-clock figures drift with the neighbours; CPU seconds per
// event mostly do not, and their sum says what the parts allow on this machine at best.
import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';

const TICKS_PER_SEC = 100;

/** user + system CPU seconds of a process and its reaped children's, or undefined once it is gone. */
function cpuSecondsOf(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SEC;
  } catch {
    return undefined;
  }
}

function commandOf(pid) {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return '';
  }
}

/**
 * The parts not started by the stack, found by their command line (server-wide: the whole Postgres, the broker, Redis).
 */
const SHARED_PARTS = [
  ['postgres', (command) => /^postgres[: ]|\/postgres /.test(command)],
  ['kafka', (command) => command.includes('kafka.Kafka')],
  ['redis', (command) => command.startsWith('redis-server') || command.includes('/redis-server')],
];

/**
 * CPU seconds so far per part: each service of the stack, the load generator (this process), Postgres, Kafka, Redis.
 * A stack on a Kafka of its own (`stack.kafkaPids()`) counts those brokers alone, not every broker on the box.
 */
export function cpuSnapshot(stack) {
  const kafkaPids = stack.kafkaPids?.();
  const seconds = {
    ...Object.fromEntries(Object.entries(stack.pids()).map(([name, pid]) => [name, cpuSecondsOf(pid) ?? 0])),
    'load generator': cpuSecondsOf(process.pid) ?? 0,
    ...(kafkaPids ? { kafka: kafkaPids.reduce((sum, pid) => sum + (cpuSecondsOf(pid) ?? 0), 0) } : {}),
  };
  for (const pid of readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
    const command = commandOf(pid);
    const part = SHARED_PARTS.find(([, matches]) => matches(command))?.[0];
    if (part && !(part === 'kafka' && kafkaPids)) seconds[part] = (seconds[part] ?? 0) + (cpuSecondsOf(pid) ?? 0);
  }
  return seconds;
}

/**
 * CPU microseconds per event of each part between two snapshots, their total, and the events per
 * second the parts' CPU alone would allow on this machine's cores (a ceiling, not a forecast).
 */
export function cpuPerEvent(before, after, events) {
  const perPart = {};
  for (const [part, seconds] of Object.entries(after))
    perPart[part] = Math.round(((seconds - (before[part] ?? 0)) * 1e6) / Math.max(events, 1));
  const total = Object.values(perPart).reduce((sum, us) => sum + us, 0);
  return {
    perPart,
    total,
    ceilingPerSec: total > 0 ? Math.round((availableParallelism() * 1e6) / total) : undefined,
    events,
  };
}

/** "shipments 310, postgres 420, … = 1,200 µs/event (ceiling 1,700/s on 2 cores)" */
export function describeCpu({ perPart, total, ceilingPerSec }) {
  const parts = Object.entries(perPart)
    .sort((a, b) => b[1] - a[1])
    .map(([part, us]) => `${part} ${us.toLocaleString('en-US')}`)
    .join(', ');
  return (
    `${parts} = ${total.toLocaleString('en-US')} µs CPU per event (the parts' CPU allows ` +
    `${ceilingPerSec?.toLocaleString('en-US') ?? '–'}/s on ${availableParallelism()} cores)`
  );
}
