import { Inject, Injectable } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import { allTopics, topicName } from '@lib/contracts';
import { KAFKA, partitionOffsets, readRanges } from '@lib/messaging';
import type { ConsoleConfig } from '../console.config';
import { CONSOLE_CONFIG } from '../console.tokens';
import {
  isFiltered,
  oldestFirst,
  pageOf,
  recordView,
  windowRanges,
  type Cursor,
  type RecordFilter,
  type RecordView,
} from './record-view';

/** Records on a page. */
const PAGE_SIZE = 50;
/** With a filter, how many records back per partition a page searches for its matches. */
const FILTERED_WINDOW = 1000;
/**
 * How many records back per partition "follow a shipment" searches, so a long-kept
 * busy topic cannot make the page time out.
 */
export const FOLLOW_WINDOW = 20_000;

export interface RecentRecords {
  topic: string;
  records: RecordView[];
  older?: Cursor;
  /** Records read per partition for this page. */
  window: number;
}

/**
 * The Kafka browser: recent records of a project topic, and one shipment's facts across every topic.
 * Reads through libs/messaging's client and reader (a throwaway group, nothing committed).
 */
@Injectable()
export class KafkaBrowserService {
  constructor(
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(CONSOLE_CONFIG) private readonly config: ConsoleConfig,
  ) {}

  /** The catalogue's topics with their `.dlq` twins. */
  topics(): string[] {
    return allTopics(this.config.kafka.topicPrefix).map((t) => t.name);
  }

  async recent(topic: string, before: Cursor, filter: RecordFilter): Promise<RecentRecords> {
    const window = isFiltered(filter) ? FILTERED_WINDOW : PAGE_SIZE;
    const partitions = await partitionOffsets(this.kafka, [topic]);
    const ranges = windowRanges(topic, partitions, before, window);
    const records = (await readRanges(this.kafka, ranges)).map(recordView);
    const low = new Map(partitions.map((p) => [p.partition, p.low]));
    const { shown, older } = pageOf(records, ranges, low, filter, PAGE_SIZE);
    return { topic, records: shown, older, window };
  }

  /**
   * Every fact about one shipment among the last FOLLOW_WINDOW records of each
   * partition of every project topic, in time order.
   */
  async follow(shipmentId: string): Promise<RecordView[]> {
    const partitions = await partitionOffsets(this.kafka, this.topics());
    const ranges = this.topics().flatMap((topic) =>
      windowRanges(
        topic,
        partitions.filter((p) => p.topic === topic),
        new Map(),
        FOLLOW_WINDOW,
      ),
    );
    const records = (await readRanges(this.kafka, ranges)).map(recordView);
    return records.filter((r) => r.subject === shipmentId || r.key === shipmentId).sort(oldestFirst);
  }

  /**
   * The shipment a tracking number was booked under, from its shipment.booked fact among the last FOLLOW_WINDOW records
   * of each partition.
   */
  async findByTrackingNumber(trackingNumber: string): Promise<string | undefined> {
    const topic = topicName('shipments', this.config.kafka.topicPrefix);
    const partitions = await partitionOffsets(this.kafka, [topic]);
    const records = await readRanges(this.kafka, windowRanges(topic, partitions, new Map(), FOLLOW_WINDOW));
    for (const view of records.map(recordView)) {
      if (view.eventType !== 'shipment.booked') continue;
      const data = bookedData(view.payload);
      if (data?.trackingNumber === trackingNumber) return data.shipmentId ?? view.subject;
    }
    return undefined;
  }
}

function bookedData(payload: string): { trackingNumber?: string; shipmentId?: string } | undefined {
  try {
    const parsed = JSON.parse(payload) as {
      data?: { trackingNumber?: string; shipmentId?: string };
      trackingNumber?: string;
      shipmentId?: string;
    };
    return parsed.data ?? parsed;
  } catch {
    return undefined;
  }
}
