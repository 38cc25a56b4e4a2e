import { logLevel } from 'kafkajs';
import { baseEnvSchema, parseEnv } from '@lib/config';
import { createKafka, DeadLetterStore, type DeadLetter } from '@lib/messaging';

const usage = `usage:
  npm run ops -- dlq list [<topic>.dlq]        every dead letter, oldest first
  npm run ops -- dlq show <topic>.dlq:<partition>:<offset>
  npm run ops -- dlq replay <ref> [<ref> ...]  republish to the origin topic (same ce_id: consumers apply it once)
  npm run ops -- dlq replay --all [<topic>.dlq]`;

function row(letter: DeadLetter): string {
  const f = letter.facts;
  return [
    letter.ref,
    letter.eventType ?? '?',
    letter.eventId ?? '?',
    `by ${f.consumer}`,
    `${f.attempts}x`,
    f.failedAt,
    f.error.split('\n')[0],
  ].join('  ');
}

/** `npm run ops -- dlq …`: what operators need to see and recover dead-lettered events. */
export async function dlqCommand(args: string[], out: (line: string) => void): Promise<void> {
  const env = parseEnv(baseEnvSchema);
  const kafka = createKafka({ brokers: env.KAFKA_BROKERS, clientId: 'ops-dlq' }, { logLevel: logLevel.ERROR });
  const store = new DeadLetterStore(kafka, env.KAFKA_TOPIC_PREFIX);
  const [action, ...rest] = args;
  switch (action) {
    case 'list': {
      const letters = await store.list(rest.length ? rest : undefined);
      letters.forEach((letter) => out(row(letter)));
      out(`${letters.length} dead letter(s)`);
      return;
    }
    case 'show': {
      if (rest.length !== 1) throw new Error(usage);
      const letter = await store.find(rest[0]);
      let data: unknown = letter.value;
      try {
        data = JSON.parse(letter.value ?? '');
      } catch {
        // shown as text: the value may be what made it a dead letter
      }
      out(JSON.stringify({ ...letter, value: undefined, data }, null, 2));
      return;
    }
    case 'replay': {
      const all = rest[0] === '--all';
      const letters = all
        ? await store.list(rest.length > 1 ? rest.slice(1) : undefined)
        : await Promise.all(rest.map((ref) => store.find(ref)));
      if (!all && letters.length === 0) throw new Error(usage);
      for (const done of await store.replay(letters))
        out(`replayed ${done.ref} → ${done.origin} (ce_id ${done.eventId ?? '?'})`);
      out(`${letters.length} replayed`);
      return;
    }
    default:
      throw new Error(usage);
  }
}
