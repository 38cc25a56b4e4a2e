import { headerText } from '@lib/messaging';
import { listCorridors } from '@lib/reference-data';
import {
  createCaller,
  createTestStack,
  eventually,
  startSmtpCatcher,
  startTestService,
  startWebhookReceiver,
  testKafka,
  type RunningService,
  type SmtpCatcher,
  type TestCaller,
  type TestStack,
  type WebhookReceiver,
} from '@lib/testing';
import { tally } from '../../apps/simulator/src/oracle';
import { deadLetters, publishedFacts, receivedEmails, receivedWebhooks } from '../../apps/simulator/src/oracle-sources';
import { CORRIDOR_SCENARIOS } from '../../apps/simulator/src/scenario';
import { runShipment, type ShipmentRun } from '../../apps/simulator/src/shipment-run';
import { postJson } from '../support/bookings';
import { modules, query } from '../support/system';

const EPOCH = Date.parse('2026-06-01T06:00:00Z'); // in season: the Khunjerab Pass is open

/**
 * The three services together, as `npm run demo` runs them but shortened: one shipment per seed
 * corridor driven over HTTP by the simulator (a customs hold for a forgotten phytosanitary
 * certificate, an overdue first leg, a reefer excursion, duplicate and late posts), a shipper with a
 * webhook and an email subscription, and an oracle: every shipment and customs fact about its cargo
 * reaches it exactly once per channel, with a valid signature, and nothing is dead-lettered.
 */
describe('the system in motion: every corridor, end to end', () => {
  let stack: TestStack;
  const services: RunningService[] = [];
  let receiver: WebhookReceiver;
  let smtp: SmtpCatcher;
  let shipper: TestCaller;
  let runs: ShipmentRun[];
  let secret = '';
  const realStart = Date.now();
  const now = () => new Date(EPOCH + (Date.now() - realStart));

  beforeAll(async () => {
    stack = await createTestStack('system');
    smtp = await startSmtpCatcher();
    receiver = await startWebhookReceiver(() => secret);
    const clock = {
      CLOCK_EPOCH: new Date(EPOCH).toISOString(),
      CLOCK_REAL_START: new Date(realStart).toISOString(),
      FOLLOW_UP_SWEEP_INTERVAL_MS: '1000',
    };
    const [shipments, customs, notifications] = await Promise.all([
      startTestService('shipments', modules.shipments, clock, stack),
      startTestService('customs', modules.customs, clock, stack),
      startTestService(
        'notifications',
        modules.notifications,
        { ...clock, WEBHOOK_ALLOW_LOOPBACK: 'true', SMTP_PORT: String(smtp.port) },
        stack,
      ),
    ]);
    services.push(shipments, customs, notifications);
    shipper = await createCaller(stack, { name: 'Bhalwal Kinnow Exports', role: 'shipper' });
    const hook = await postJson(
      `${notifications.baseUrl}/v1/subscriptions`,
      { channel: 'webhook', url: receiver.url },
      shipper,
    );
    expect(hook.status).toBe(201);
    secret = hook.body.secret;
    expect(
      (
        await postJson(
          `${notifications.baseUrl}/v1/subscriptions`,
          { channel: 'email', email: 'cargo@bhalwal-kinnow.example' },
          shipper,
        )
      ).status,
    ).toBe(201);

    const carriers = new Map<string, TestCaller>();
    for (const code of new Set(listCorridors().flatMap((c) => c.legs.map((l) => l.carrier)))) {
      carriers.set(code, await createCaller(stack, { name: code, role: 'carrier', carrierCode: code }));
    }
    const customsDesk = await createCaller(stack, { name: 'Customs control room', role: 'operator' });
    const endpoints = { shipments: shipments.baseUrl, customs: customs.baseUrl, notifications: notifications.baseUrl };
    runs = await Promise.all(
      CORRIDOR_SCENARIOS.map((scenario) =>
        runShipment(endpoints, { shipper, carriers, customs: customsDesk }, scenario, now),
      ),
    );
  }, 120_000);

  afterAll(async () => {
    await Promise.all(services.map((s) => s.stop()));
    await receiver?.close();
    await smtp?.close();
    await stack?.dispose();
  });

  const published = () => publishedFacts(testKafka('system-oracle'), stack.topicPrefix);

  it('delivers cargo on every seed corridor, waiting at each border for clearance', () => {
    expect(runs.map((r) => r.scenario.corridor).sort()).toEqual(
      listCorridors()
        .map((c) => c.id)
        .sort(),
    );
    expect(runs.every((r) => r.delivered)).toBe(true);
    const troubled = runs.find((r) => r.scenario.trouble.missingPhytosanitary)!;
    // Held at the first crossing for the missing certificate: the departure was refused, then allowed once cleared.
    expect(troubled.held).toBeGreaterThanOrEqual(1);
    expect(troubled.gateBlocked).toBeGreaterThanOrEqual(1);
    expect(troubled.gateReleased).toBe(troubled.gateBlocked);
    expect(troubled.duplicatesPosted).toBe(1);
  });

  it('raises the overdue follow-up and the reefer excursion once each', async () => {
    const late = runs.find((r) => r.scenario.trouble.lateFirstLeg)!;
    const warm = runs.find((r) => r.scenario.trouble.reeferExcursion)!;
    await eventually(
      async () => {
        const facts = await published();
        expect(facts.filter((f) => f.type === 'shipment.leg.delayed' && f.shipmentId === late.shipmentId)).toHaveLength(
          1,
        );
        expect(
          facts.filter((f) => f.type === 'shipment.temperature.excursion' && f.shipmentId === warm.shipmentId),
        ).toHaveLength(1);
      },
      { timeoutMs: 30_000, intervalMs: 1000 },
    );
  });

  it('tells the shipper every fact exactly once per channel, validly signed, and dead-letters nothing', async () => {
    const shipmentIds = new Set(runs.map((r) => r.shipmentId));
    const webhooks = () => receivedWebhooks(receiver);
    const emails = () => receivedEmails(smtp);
    // Drained: every published fact has arrived on both channels (or the wait ends and the tally shows what
    // is missing).
    const facts = await published();
    await eventually(
      () => {
        expect(tally(facts, shipmentIds, webhooks()).missing).toEqual([]);
        expect(tally(facts, shipmentIds, emails()).missing).toEqual([]);
      },
      { timeoutMs: 45_000, intervalMs: 500 },
    ).catch(() => undefined);
    const byWebhook = tally(facts, shipmentIds, webhooks());
    const byEmail = tally(facts, shipmentIds, emails());
    expect(byWebhook.expected).toBeGreaterThan(60);
    expect(byWebhook).toEqual({
      expected: byWebhook.expected,
      received: byWebhook.expected,
      missing: [],
      duplicates: 0,
      unexpected: 0,
      unverified: 0,
    });
    expect(byEmail).toEqual({
      expected: byWebhook.expected,
      received: byWebhook.expected,
      missing: [],
      duplicates: 0,
      unexpected: 0,
      unverified: 0,
    });
    expect(receiver.requests.filter((r) => r.status >= 300)).toEqual([]);

    const dead = await deadLetters(testKafka('system-dlq'), stack.topicPrefix);
    expect(dead.map((d) => headerText(d.message.headers, 'dlq_error'))).toEqual([]);
    const failed = await query(
      stack,
      `SELECT count(*)::int AS n FROM notifications.notifications WHERE status <> 'delivered'`,
    );
    expect(failed[0].n).toBe(0);
  });
});
