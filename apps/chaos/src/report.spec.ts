import type { ShipmentRun } from '../../simulator/src/shipment-run';
import type { Observations } from './report';
import { report } from './report';
import { newLedger } from './retrying-client';
import type { TargetTally } from './tally';

const clean: TargetTally = {
  expected: 2,
  received: 2,
  missing: [],
  doubled: 0,
  redelivered: 0,
  unexpected: 0,
  badSignatures: 0,
};

/** A run where everything held: one booking, one accepted event, its facts delivered on every channel. */
function observations(change: (o: Observations) => void = () => undefined): Observations {
  const client = newLedger();
  client.requests = 3;
  client.attempts = 4;
  client.retries.network = 1;
  client.bookingKeys.add('chaos-k1');
  client.bookedIds.add('s1');
  client.carrierEvents.set('e1', { status: 201, outcome: 'accepted' });
  const o: Observations = {
    shipments: 1,
    seed: 1,
    postgresMode: 'restart',
    driveSeconds: 10,
    timings: { startup: 20, drive: 10, faultsAfterDrive: 0, drain: 3, checks: 4 },
    runs: [{ delivered: true } as ShipmentRun],
    failures: [],
    faults: [{ kind: 'kafka', at: 1, phase: 'drive', detail: 'SIGKILL the broker', recoveredSeconds: 9 }],
    plannedFaults: 1,
    unexpectedExits: [],
    client,
    database: {
      shipments: [{ id: 's1', shipperId: 'p1' }],
      storedEvents: new Set(['e1']),
      outboxIds: new Set(['f1', 'f2']),
      failedDeliveries: 0,
    },
    facts: [
      {
        eventId: 'f1',
        type: 'shipment.booked',
        shipmentId: 's1',
        topic: 'shipments',
        data: {},
        partition: 0,
        offset: 0,
      },
      {
        eventId: 'f2',
        type: 'shipment.leg.departed',
        shipmentId: 's1',
        topic: 'shipments',
        data: {},
        partition: 0,
        offset: 0,
      },
    ],
    doubledFacts: [],
    drain: { drained: true, seconds: 3, state: { outboxPending: 0, lagging: [], pendingDeliveries: 0 } },
    webhooks: [{ shipper: 'p1', filters: ['*'], tally: { ...clean }, distinctIds: 2 }],
    emails: [{ shipper: 'p1', tally: { ...clean } }],
    feeds: [{ shipper: 'p1', tally: { ...clean }, reconnects: 1 }],
    deadLetters: [],
    ordering: { subjects: 1, publication: [], consumption: [] },
    topology: { instances: 2, brokers: 3 },
  };
  change(o);
  return o;
}

describe('chaos report', () => {
  it('prints every figure and finds nothing wrong in a clean run', () => {
    const { lines, problems } = report(observations());
    expect(problems).toEqual([]);
    const text = lines.join('\n');
    for (const figure of [
      'extra bookings 0',
      '1 accepted',
      'accepted but not stored 0',
      '2 distinct ce_id',
      'outbox rows never on Kafka 0',
      '2 distinct webhook-ids received',
      'duplicates by webhook-id 0',
      'bad signatures 0',
      'dead letters',
      'out of acceptance order 0',
      '2 instances of each service behind a round-robin balancer; 3 Kafka brokers (replication factor 3',
    ]) {
      expect(text).toContain(figure);
    }
  });

  it('counts a redelivered webhook (same webhook-id) but only a feed repeat as a doubled effect', () => {
    expect(report(observations((o) => (o.webhooks[0].tally.redelivered = 1))).problems).toEqual([]);
    expect(report(observations((o) => (o.feeds[0].tally.redelivered = 1))).problems).toEqual([
      '1 facts doubled in the live feed',
    ]);
  });

  it.each<[string, (o: Observations) => void, RegExp]>([
    ['an extra booking', (o) => o.database.shipments.push({ id: 's2', shipperId: 'p1' }), /1 extra bookings/],
    [
      'a booking answered but not stored',
      (o) => (o.database.shipments = [{ id: 'sX', shipperId: 'p1' }]),
      /booked shipments .* not in the database/,
    ],
    [
      'an accepted event not stored',
      (o) => o.database.storedEvents.clear(),
      /1 accepted carrier events are not in the history/,
    ],
    ['an outbox row never published', (o) => o.database.outboxIds.add('f3'), /1 outbox rows never reached Kafka/],
    ['a once-only fact doubled', (o) => (o.doubledFacts = ['shipment.booked s1 ×2']), /once-only facts/],
    ['a pipeline that did not drain', (o) => (o.drain.drained = false), /did not drain/],
    [
      'facts published out of order',
      (o) => o.ordering.publication.push('shipments s1: accepted f1 (seq 1) before f2 (seq 2), published after it'),
      /1 subjects' facts published out of acceptance order/,
    ],
    [
      'facts taken effect out of order',
      (o) => o.ordering.consumption.push('customs shipments s1: offset 1 (f1) took effect after offset 2 (f2)'),
      /1 subjects' facts taken effect out of order by a consumer/,
    ],
    ['a missing webhook', (o) => (o.webhooks[0].tally.missing = ['f2']), /1 facts missing from webhooks/],
    ['a webhook under two ids', (o) => (o.webhooks[0].tally.doubled = 1), /1 facts doubled in webhooks/],
    ['a badly signed webhook', (o) => (o.webhooks[0].tally.badSignatures = 1), /1 webhooks with a bad signature/],
    ['another shipper’s fact', (o) => (o.webhooks[0].tally.unexpected = 1), /not the shipper's to have/],
    ['a missing email', (o) => (o.emails[0].tally.missing = ['f1']), /missing from emails/],
    ['a notification skipped by the feed', (o) => (o.feeds[0].tally.missing = ['f1']), /missing from the live feed/],
    ['a dead letter', (o) => (o.deadLetters = ['x']), /1 dead letters/],
    ['a shipment not driven to delivery', (o) => (o.failures = ['trans-afghan: timed out']), /could not be driven/],
    [
      'a fault the system did not come back from',
      (o) => (o.faults[0].error = 'shipments not ready'),
      /did not come back from kafka/,
    ],
    ['a fault never injected', (o) => (o.plannedFaults = 2), /only 1 of 2 faults/],
  ])('reports %s as a problem', (_what, change, problem) => {
    const { problems } = report(observations(change));
    expect(problems.join('; ')).toMatch(problem);
  });
});
