// The e2e benchmark's accounting, by event identity. A run once reported 2,375 webhooks for 2,359
// accepted posts ("missing −16"): accepted was autocannon's count of 2xx answers and webhooks were
// counted per webhook-id, but when the run's time is up autocannon drops the request in flight on
// each of its 16 connections — the service accepted those posts (and sent their webhooks) without
// the client ever seeing an answer. So the accepted set is what the service stored, each webhook is
// mapped to the event it carries, and client answers are only compared with that.

/** Sorted ascending; the nearest-rank percentile `p` (0–100) of `sorted`. */
export function percentile(sorted, p) {
  if (sorted.length === 0) return undefined;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export class WebhookTally {
  /** event key → { webhookIds, latencyMs of the first arrival } */
  #events = new Map();
  #webhookIds = new Set();
  #deliveries = 0;
  #redeliveries = 0;
  #badSignatures = 0;

  /**
   * One webhook request as received: the event it carries, its webhook-id, ms since the post
   * was accepted, whether its signature held.
   */
  record({ eventKey, webhookId, latencyMs, verified }) {
    this.#deliveries += 1;
    if (!verified) this.#badSignatures += 1;
    // The same webhook-id again is a retry of one delivery (receivers dedupe by it).
    if (this.#webhookIds.has(webhookId)) this.#redeliveries += 1;
    this.#webhookIds.add(webhookId);
    const seen = this.#events.get(eventKey);
    if (!seen) this.#events.set(eventKey, { webhookIds: new Set([webhookId]), latencyMs });
    else {
      seen.webhookIds.add(webhookId);
      seen.latencyMs = Math.min(seen.latencyMs, latencyMs);
    }
  }

  /** Every key in `accepted` has arrived. */
  covers(accepted) {
    for (const key of accepted) if (!this.#events.has(key)) return false;
    return true;
  }

  /**
   * @param {Iterable<string>} accepted the events the service stored (its own record, the truth)
   * @param {Iterable<string>} answered the events whose POST the client saw answered 2xx
   */
  account(accepted, answered) {
    const stored = new Set(accepted);
    const seen = new Set(answered);
    const received = [...this.#events.keys()];
    return {
      accepted: stored.size,
      answered: seen.size,
      /** Stored, but the client saw no answer (cut off at the end of the run, or timed out). */
      acceptedUnanswered: [...stored].filter((key) => !seen.has(key)).length,
      /** Answered 2xx but not stored: a lie, must be 0. */
      answeredNotStored: [...seen].filter((key) => !stored.has(key)).length,
      deliveries: this.#deliveries,
      received: received.length,
      missing: [...stored].filter((key) => !this.#events.has(key)).length,
      unexpected: received.filter((key) => !stored.has(key)).length,
      /** The same webhook-id delivered again. */
      redeliveries: this.#redeliveries,
      /** One event under two or more webhook-ids: the shipper cannot tell them apart. */
      doubled: [...this.#events.values()].filter((event) => event.webhookIds.size > 1).length,
      badSignatures: this.#badSignatures,
      latenciesMs: received
        .filter((key) => stored.has(key))
        .map((key) => this.#events.get(key).latencyMs)
        .sort((a, b) => a - b),
    };
  }
}
