import { runChaos, type ChaosRun } from './run-chaos';

/**
 * The system scaled out, under faults (issue 18): two instances of every service, each behind a
 * round-robin balancer, on a Kafka cluster of three brokers (replication factor 3,
 * min.insync.replicas 2). While 12 shipments run on every corridor, one instance of each service is
 * killed with SIGKILL and so is the broker leading the KRaft quorum (the active controller); each
 * comes back. Nothing accepted may be lost, no effect doubled, each shipment's facts published and
 * taken effect of in the order they were accepted, and every consumer group back to zero lag.
 */
describe('npm run chaos -- --instances 2 --brokers 3 (short run)', () => {
  let run: ChaosRun;

  beforeAll(async () => {
    run = await runChaos(
      [
        ...['--shipments', '12', '--concurrency', '6', '--seed', '20261201', '--redis-db', '13'],
        ...['--instances', '2', '--brokers', '3', '--drain-timeout', '150'],
        ...['--faults', 'kill-shipments,kill-customs,kill-notifications,kafka'],
      ],
      330_000,
    );
  }, 350_000);

  it('ends with exit code 0 and says nothing was lost or doubled', () => {
    expect({
      code: run.code,
      verdict: /✔ no loss and no doubled effect/.test(run.output) ? 'clean' : run.explanation(),
    }).toEqual({ code: 0, verdict: 'clean' });
  });

  it('ran two instances of each service on three brokers, and killed one of each and the controller', () => {
    expect(run.figure('topology')).toBe(
      '2 instances of each service behind a round-robin balancer; 3 Kafka brokers ' +
        '(replication factor 3, min.insync.replicas 2)',
    );
    const faults = run.faults();
    expect(faults).toHaveLength(4);
    for (const fault of [
      /kill -9 shipments #[12] \(pid \d+\), started again/,
      /kill -9 customs #[12] \(pid \d+\), started again/,
      /kill -9 notifications #[12] \(pid \d+\), started again/,
      /SIGKILL broker [123] of 3 \(the active controller\), started again/,
    ])
      expect(faults.filter((l) => fault.test(l))).toHaveLength(1);
    expect(faults.every((l) => /every service ready again after/.test(l))).toBe(true);
  });

  it('kept every shipment whole and in order, and drained to zero lag', () => {
    expect(run.figure('drive')).toMatch(/shipments delivered 12 of 12; failed 0/);
    expect(run.figure('bookings')).toMatch(/12 in the database → extra bookings 0; answered but missing 0$/);
    expect(run.figure('carrier events')).toMatch(/accepted but not stored 0$/);
    expect(run.figure('facts on Kafka')).toMatch(/outbox rows never on Kafka 0; once-only facts doubled 0$/);
    expect(run.figure('order per shipment')).toMatch(
      /^[1-9][\d,]* shipments and crossings on shipments.events: published out of acceptance order 0, taken effect out of Kafka order 0$/,
    );
    expect(run.figure('drain')).toMatch(/^drained .*\(outbox 0, consumer lag 0, pending deliveries 0\)$/);
    expect(run.figure('webhooks')).toMatch(/missing 0, doubled 0, .*unexpected 0, bad signatures 0$/);
    expect(run.figure('dead letters')).toBe('0');
  });
});
