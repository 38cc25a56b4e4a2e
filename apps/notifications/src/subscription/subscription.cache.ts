import type { Language } from '@lib/i18n';
import type { PreviousSecret, SubscriptionChannel } from './subscription.entity';

/** An enabled subscription as delivery needs it: where to, what for, in which language, and its secrets (sealed). */
export interface ActiveSubscription {
  id: string;
  shipperId: string;
  channel: SubscriptionChannel;
  eventTypes: string[];
  url: string | null;
  email: string | null;
  language: Language;
  secret: string | null;
  previousSecrets: PreviousSecret[];
}

/** Shippers whose subscriptions are held at once; the least recently used goes first. */
const MAX_SHIPPERS = 10_000;

/**
 * Each shipper's enabled subscriptions, so that an event costs no lookup. Postgres stays the truth:
 * a change to a subscription NOTIFYs its shipper at commit (a trigger) and drops the entry here.
 * Two rules keep a stale entry from surviving a change:
 *   - a lookup that started before a change was heard is used but not kept (`epoch`);
 *   - while no LISTEN connection is up (`live` false: not yet, or lost and reconnecting) changes
 *     could go unheard, so nothing is kept and every lookup goes to Postgres; going live drops all.
 */
export class SubscriptionCache {
  private readonly entries = new Map<string, ActiveSubscription[]>();
  private epoch = 0;
  private live = false;

  constructor(private readonly maxShippers = MAX_SHIPPERS) {}

  /** The shipper's enabled subscriptions: from memory, or loaded (and kept if nothing changed meanwhile). */
  async get(shipperId: string, load: () => Promise<ActiveSubscription[]>): Promise<ActiveSubscription[]> {
    const held = this.entries.get(shipperId);
    if (held) {
      // Most recently used last, so the first key is the one to evict.
      this.entries.delete(shipperId);
      this.entries.set(shipperId, held);
      return held;
    }
    const epoch = this.epoch;
    const loaded = await load();
    if (this.live && epoch === this.epoch) {
      this.entries.set(shipperId, loaded);
      if (this.entries.size > this.maxShippers) this.entries.delete(this.entries.keys().next().value!);
    }
    return loaded;
  }

  /** A change to this shipper's subscriptions was committed (heard by NOTIFY, or made here). */
  changed(shipperId: string): void {
    this.epoch += 1;
    this.entries.delete(shipperId);
  }

  /** Whether changes are being heard; either way, what is held may be stale now and goes. */
  listening(live: boolean): void {
    this.live = live;
    this.epoch += 1;
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
