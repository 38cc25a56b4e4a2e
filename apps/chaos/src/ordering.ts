import type { TopicKey } from '@lib/contracts';
import type { Fact } from './observe';

/** An outbox row: a fact as its service accepted it (`seq` is the order of acceptance). */
export interface AcceptedFact {
  topic: TopicKey;
  subject: string;
  seq: number;
  eventId: string;
}

/** An inbox row: a fact as a consumer took effect of it. */
export interface ProcessedFact {
  consumer: string;
  eventId: string;
  /** Microseconds since the epoch (the effect's transaction). */
  processedAt: number;
  partition: number;
  offset: number;
}

/**
 * Facts of one subject (a shipment, or a crossing) must be on Kafka in the order their service
 * accepted them: per topic and subject, the first record of each fact follows the outbox's order.
 * A republished fact (the relay crashed between sending and marking) may repeat later; its first
 * record is what sets its place. `seq` is taken at insert, not at commit, so this holds only where the
 * service serialises a subject's writes — the shipments service, under the shipment's row lock; two
 * deliveries of one shipment in notifications, or two crossings' decisions in customs, commit in
 * either order and promise none (callers pass the topics to check).
 */
export function publicationOrderBreaks(accepted: AcceptedFact[], published: Fact[]): string[] {
  const firstOnKafka = new Map<string, Fact>();
  for (const fact of [...published].sort(byPosition))
    if (!firstOnKafka.has(fact.eventId)) firstOnKafka.set(fact.eventId, fact);
  const breaks: string[] = [];
  for (const [key, facts] of groupBy(accepted, (a) => `${a.topic} ${a.subject}`)) {
    const inAcceptance = facts.sort((a, b) => a.seq - b.seq).filter((a) => firstOnKafka.has(a.eventId));
    const onKafka = [...inAcceptance].sort((a, b) =>
      byPosition(firstOnKafka.get(a.eventId)!, firstOnKafka.get(b.eventId)!),
    );
    const at = inAcceptance.findIndex((a, i) => a.eventId !== onKafka[i].eventId);
    if (at >= 0)
      breaks.push(
        `${key}: accepted ${inAcceptance[at].eventId} (seq ${inAcceptance[at].seq}) before ` +
          `${onKafka[at].eventId} (seq ${onKafka[at].seq}), published after it`,
      );
  }
  return breaks;
}

/**
 * Each consumer must take effect of a subject's facts in the order they sit on Kafka: per consumer
 * and subject, sorted by when the effect happened, the offsets only rise (one partition per subject).
 */
export function consumptionOrderBreaks(processed: ProcessedFact[], published: Fact[]): string[] {
  const subjectOf = new Map(published.map((f) => [f.eventId, `${f.topic} ${f.shipmentId}`]));
  const breaks: string[] = [];
  const known = processed.filter((p) => subjectOf.has(p.eventId));
  for (const [key, facts] of groupBy(known, (p) => `${p.consumer} ${subjectOf.get(p.eventId)}`)) {
    facts.sort((a, b) => a.processedAt - b.processedAt || a.offset - b.offset);
    const at = facts.findIndex((p, i) => i > 0 && p.offset < facts[i - 1].offset);
    if (at > 0)
      breaks.push(
        `${key}: offset ${facts[at].offset} (${facts[at].eventId}) took effect after offset ` +
          `${facts[at - 1].offset} (${facts[at - 1].eventId})`,
      );
  }
  return breaks;
}

function byPosition(a: Fact, b: Fact): number {
  return a.topic.localeCompare(b.topic) || a.partition - b.partition || a.offset - b.offset;
}

function groupBy<T>(items: T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}
