// Whether the event pipeline behind the shipments service has caught up, and the services' memory.
import { sleep } from './common.mjs';

/** How far each consumer group of shipments.events.v1 (customs, notifications) is behind its end, in records. */
export async function consumerLag(stack) {
  return stack.admin(async (a) => {
    const topic = `${stack.topicPrefix}shipments.events.v1`;
    const ends = await a.fetchTopicOffsets(topic);
    const lag = {};
    for (const group of ['customs', 'notifications'].filter((name) => stack.services.includes(name))) {
      const [committed] = await a.fetchOffsets({ groupId: `${stack.topicPrefix}${group}`, topics: [topic] });
      lag[group] = 0;
      for (const end of ends) {
        const done = Number(committed.partitions.find((p) => p.partition === end.partition)?.offset ?? -1);
        lag[group] += Math.max(0, Number(end.high) - Math.max(done, 0));
      }
    }
    return lag;
  });
}

/** Both consumer groups have committed up to the topic's end. */
async function consumersCaughtUp(stack) {
  return Object.values(await consumerLag(stack)).every((records) => records === 0);
}

/** Seconds until the outbox is empty and the consumers have caught up (Infinity after `timeoutSec`). */
export async function drainSeconds(stack, timeoutSec = 120) {
  const started = Date.now();
  while (Date.now() - started < timeoutSec * 1000) {
    const pending = await stack.scalar('SELECT count(*) FROM shipments.outbox WHERE published_at IS NULL');
    if (pending === 0 && (await consumersCaughtUp(stack))) return (Date.now() - started) / 1000;
    await sleep(250);
  }
  return Infinity;
}

/** Samples each service's resident memory every second until `stop()`, which answers the highest per service (MB). */
export function sampleRss(stack) {
  const peak = {};
  const take = () => {
    for (const [name, mb] of Object.entries(stack.rssMb()))
      if (mb !== undefined) peak[name] = Math.max(peak[name] ?? 0, mb);
  };
  take();
  const timer = setInterval(take, 1000);
  return {
    stop() {
      clearInterval(timer);
      take();
      return peak;
    },
  };
}

/**
 * Records each service's resident memory every `everyMs` until `stop()`, which answers the samples:
 * `{ at: ms since the start, rssMb: { service: MB } }`; `take()` adds one now and answers how many there are.
 */
export function recordRss(stack, everyMs) {
  const started = Date.now();
  const samples = [];
  const take = () => samples.push({ at: Date.now() - started, rssMb: stack.rssMb() });
  take();
  const timer = setInterval(take, everyMs);
  return {
    take,
    stop() {
      clearInterval(timer);
      take();
      return samples;
    },
  };
}
