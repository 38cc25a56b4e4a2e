import { percentile, WebhookTally } from '../../bench/lib/webhook-tally.mjs';

describe('WebhookTally', () => {
  const keys = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => String(from + i));

  it('counts posts stored by the service but never seen answered as accepted, not as webhooks without a post', () => {
    // The run behind "missing −16": 2,375 posts stored, 16 of them cut off client-side when the run's time was up.
    const stored = keys(1, 2375);
    const answered = keys(1, 2359);
    const tally = new WebhookTally();
    for (const key of stored) tally.record({ eventKey: key, webhookId: `msg_${key}`, latencyMs: 100, verified: true });
    expect(tally.account(stored, answered)).toMatchObject({
      accepted: 2375,
      answered: 2359,
      acceptedUnanswered: 16,
      answeredNotStored: 0,
      received: 2375,
      missing: 0,
      unexpected: 0,
      doubled: 0,
    });
  });

  it('tells a redelivery (same webhook-id) from one event under two webhook-ids, and counts each event once', () => {
    const tally = new WebhookTally();
    tally.record({ eventKey: '1', webhookId: 'msg_a', latencyMs: 40, verified: true });
    tally.record({ eventKey: '1', webhookId: 'msg_a', latencyMs: 900, verified: true });
    tally.record({ eventKey: '2', webhookId: 'msg_b', latencyMs: 50, verified: true });
    tally.record({ eventKey: '2', webhookId: 'msg_c', latencyMs: 30, verified: false });
    const account = tally.account(['1', '2', '3'], ['1', '2', '3']);
    expect(account).toMatchObject({
      deliveries: 4,
      received: 2,
      missing: 1,
      redeliveries: 1,
      doubled: 1,
      badSignatures: 1,
    });
    // One latency per event: its first arrival.
    expect(account.latenciesMs).toEqual([30, 40]);
  });

  it('reports webhooks for events the service never stored, and answers it did not keep', () => {
    const tally = new WebhookTally();
    tally.record({ eventKey: '9', webhookId: 'msg_9', latencyMs: 10, verified: true });
    expect(tally.account(['1'], ['1', '2'])).toMatchObject({
      unexpected: 1,
      missing: 1,
      answeredNotStored: 1,
      latenciesMs: [],
    });
  });

  it('covers a set once every key in it has arrived', () => {
    const tally = new WebhookTally();
    tally.record({ eventKey: '1', webhookId: 'msg_1', latencyMs: 10, verified: true });
    expect(tally.covers(['1'])).toBe(true);
    expect(tally.covers(['1', '2'])).toBe(false);
  });
});

describe('percentile', () => {
  it('is the nearest rank', () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect([percentile(sorted, 50), percentile(sorted, 99), percentile(sorted, 100)]).toEqual([50, 99, 100]);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeUndefined();
  });
});
