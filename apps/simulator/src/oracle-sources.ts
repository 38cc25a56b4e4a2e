import type { Kafka } from 'kafkajs';
import { deadLetterTopicName, topicName, type TopicKey } from '@lib/contracts';
import { headerText, readTopicsToEnd, type ReadRecord } from '@lib/messaging';
import type { SmtpCatcher, WebhookReceiver } from '@lib/stand-in-shippers';
import type { PublishedFact, ReceivedNotification } from './oracle';

/** The oracle's truth: every shipment.* and customs.* fact as published on Kafka, read back from the topics. */
export async function publishedFacts(kafka: Kafka, topicPrefix: string): Promise<PublishedFact[]> {
  const records = await readTopicsToEnd(kafka, [
    topicName('shipments', topicPrefix),
    topicName('customs', topicPrefix),
  ]);
  return records.map(({ message }) => ({
    eventId: headerText(message.headers, 'ce_id')!,
    type: headerText(message.headers, 'ce_type')!,
    shipmentId: headerText(message.headers, 'ce_subject')!,
  }));
}

/** Everything any consumer gave up on. */
export function deadLetters(kafka: Kafka, topicPrefix: string): Promise<ReadRecord[]> {
  return readTopicsToEnd(
    kafka,
    (['shipments', 'customs', 'notifications'] as TopicKey[]).map((key) =>
      deadLetterTopicName(topicName(key, topicPrefix)),
    ),
  );
}

/** What the stand-in shipper's endpoint accepted (2xx), by event and `webhook-id`. */
export function receivedWebhooks(receiver: WebhookReceiver): ReceivedNotification[] {
  // A delivery without an eventId (not one of ours) stays in the tally as an unexpected one.
  return receiver.delivered.map((r) => ({
    eventId: r.body?.data?.eventId as string,
    deliveryId: r.id,
    verified: r.verified,
  }));
}

/** What reached the stand-in shipper's inbox, by event (X-Source-Event-Id) and Message-ID. */
export function receivedEmails(smtp: SmtpCatcher): ReceivedNotification[] {
  return smtp.messages.map((m) => ({
    eventId: /^X-Source-Event-Id: (\S+)/im.exec(m.raw)?.[1] ?? '',
    deliveryId: /^Message-ID: (\S+)/im.exec(m.raw)?.[1] ?? '',
    verified: true,
  }));
}
