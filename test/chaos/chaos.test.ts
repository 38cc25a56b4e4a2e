import { runChaos, type ChaosRun } from './run-chaos';

/**
 * `npm run chaos`, short: 24 shipments on every corridor while each service is killed with SIGKILL,
 * Postgres restarted, Redis flushed and the broker killed — once each. It runs its own broker (the
 * tests' one on 9092 is left alone), its own Postgres server where it can and its own Redis database.
 */
describe('npm run chaos (short run)', () => {
  let run: ChaosRun;
  const summary = () => run.summary();
  const figure = (label: string) => run.figure(label);

  beforeAll(async () => {
    run = await runChaos(
      ['--shipments', '24', '--concurrency', '8', '--seed', '20261130', '--redis-db', '14', '--drain-timeout', '120'],
      280_000,
    );
  }, 300_000);

  it('ends with exit code 0 and says nothing was lost or doubled', () => {
    // On failure the summary explains why (the whole output when the run ended before it): CI logs keep the start.
    expect({
      code: run.code,
      verdict: /✔ no loss and no doubled effect/.test(run.output) ? 'clean' : run.explanation(),
    }).toEqual({ code: 0, verdict: 'clean' });
  });

  it('injected every fault once, with the system ready again after each', () => {
    const faults = figure('faults');
    expect(faults).toMatch(/^6 injected/);
    const list = run.faults();
    expect(list).toHaveLength(6);
    for (const fault of [
      /kill -9 shipments/,
      /kill -9 customs/,
      /kill -9 notifications/,
      /Postgres (crashed \(immediate stop\) and restarted|: \d+ backends of \S+ terminated)/,
      /FLUSHDB on the run's Redis database/,
      /SIGKILL the broker/,
    ]) {
      expect(list.filter((l) => fault.test(l))).toHaveLength(1);
    }
    expect(list.every((l) => /every service ready again after/.test(l))).toBe(true);
  });

  it('prints the figures from Kafka, the database and the receivers', () => {
    // A shipment not driven to delivery is listed under the figure with why ("✖ corridor (direction): …").
    const driveFailures = summary()
      .split('\n')
      .filter((l) => /^ {6}✖ /.test(l));
    expect({ drive: figure('drive'), driveFailures }).toEqual({
      drive: expect.stringMatching(/shipments delivered 24 of 24; failed 0/),
      driveFailures: [],
    });
    expect(figure('bookings')).toMatch(
      /^24 Idempotency-Keys sent, 24 answered 201, 24 in the database → extra bookings 0; answered but missing 0$/,
    );
    expect(figure('carrier events')).toMatch(/^[1-9][\d,]* accepted .*accepted but not stored 0$/);
    expect(figure('facts on Kafka')).toMatch(
      /^[1-9][\d,]* distinct ce_id .* outbox rows never on Kafka 0; once-only facts doubled 0$/,
    );
    expect(figure('drain')).toMatch(/^drained .*\(outbox 0, consumer lag 0, pending deliveries 0\)$/);
    expect(figure('webhooks')).toMatch(
      /^([\d,]+) expected, \1 distinct webhook-ids received; missing 0, doubled 0, duplicates by webhook-id \d+, unexpected 0, bad signatures 0$/,
    );
    expect(figure('emails')).toMatch(/missing 0, doubled 0, duplicates \d+, unexpected 0$/);
    expect(figure('live feed \\(SSE\\)')).toMatch(/^[1-9][\d,]* expected/);
    expect(summary()).not.toMatch(/Karachi Cotton Traders:.*missing [1-9]/);
    expect(figure('dead letters')).toBe('0');
    expect(figure('order per shipment')).toMatch(
      /^[1-9][\d,]* shipments and crossings on shipments.events: published out of acceptance order 0, taken effect out of Kafka order 0$/,
    );
  });
});
