import { randomUUID } from 'node:crypto';
import type { KafkaMessage, Producer } from 'kafkajs';
import { deadLetterTopicName, topicName } from '@lib/contracts';
import { headerText, readTopicsToEnd, toDeadLetter, toKafkaMessage } from '@lib/messaging';
import { testKafka } from '@lib/testing';
import { bookedEvent, customsEvent } from '../../../test/support/events';
import { query } from '../../../test/support/system';
import { ConsoleClient } from './console-client';
import { startConsoleStack, type ConsoleStack } from './console-stack';

const traceparent = (traceId: string) => `00-${traceId}-00f067aa0ba902b7-01`;
const newTraceId = () => randomUUID().replace(/-/g, '');

/** Rows of a records table, by their `data-record` (topic:partition:offset) and `data-event-id`. */
const eventIdsIn = (page: string) =>
  [...page.matchAll(/<tr data-record="[^"]+" data-event-id="([^"]*)"/g)].map((m) => m[1]);
const recordsIn = (page: string) => [...page.matchAll(/<tr data-record="([^"]+)"/g)].map((m) => m[1]);

/** The Kafka browser and the dead letters pages on the real Kafka and Postgres (no services needed). */
describe('operator console: Kafka records and dead letters', () => {
  let system: ConsoleStack;
  let client: ConsoleClient;
  let producer: Producer;
  const kafka = testKafka('console-records-test');

  beforeAll(async () => {
    system = await startConsoleStack('consolerecords', []);
    producer = kafka.producer();
    await producer.connect();
    client = new ConsoleClient(system.baseUrl);
    expect((await client.signIn(system.operator.authorization)).status).toBe(303);
  });

  afterAll(async () => {
    await producer?.disconnect();
    await system?.stop();
  });

  const topic = (key: 'shipments' | 'customs') => topicName(key, system.stack.topicPrefix);

  describe('Kafka records', () => {
    const shipmentId = randomUUID();
    const otherShipment = randomUUID();
    const trace = newTraceId();
    const booked = bookedEvent({ shipmentId, bookedAt: new Date(Date.now() - 60_000).toISOString() });
    const other = bookedEvent({ shipmentId: otherShipment });
    const held = customsEvent('customs.held', 'shipper-test', shipmentId);

    beforeAll(async () => {
      await producer.send({
        topic: topic('shipments'),
        acks: -1,
        messages: [toKafkaMessage({ ...booked, traceparent: traceparent(trace) }), toKafkaMessage(other)],
      });
      await producer.send({
        topic: topic('customs'),
        acks: -1,
        messages: [toKafkaMessage({ ...held, data: { ...held.data, note: '<script>alert(1)</script>' } as never })],
      });
    });

    it('needs a session', async () => {
      expect((await new ConsoleClient(system.baseUrl).get('/kafka')).status).toBe(303);
    });

    it("lists a topic's records: CloudEvents headers decoded, trace id as grep hint, payload escaped", async () => {
      const response = await client.get(`/kafka?topic=${topic('shipments')}`);
      expect(response.status).toBe(200);
      const page = await response.text();
      expect(eventIdsIn(page).sort()).toEqual([booked.id, other.id].sort());
      expect(page).toContain('<td>shipment.booked</td>');
      expect(page).toContain(`<a href="/kafka/shipment?id=${shipmentId}">${shipmentId}</a>`);
      expect(page).toContain(`<code class="grep">traceId=${trace}</code>`);
      expect(page).toContain(`<dt>ce_id</dt><dd>${booked.id}</dd>`);
      expect(page).toContain('&quot;commodity&quot;: &quot;mango&quot;');
      expect(page).toContain(`<option value="${topic('customs')}.dlq">`);

      const customs = await (await client.get(`/kafka?topic=${topic('customs')}`)).text();
      expect(customs).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(customs).not.toContain('<script>alert(1)');
    });

    it('filters by ce_type, subject and trace id', async () => {
      const bySubject = await (await client.get(`/kafka?topic=${topic('shipments')}&subject=${otherShipment}`)).text();
      expect(eventIdsIn(bySubject)).toEqual([other.id]);
      const byTrace = await (await client.get(`/kafka?topic=${topic('shipments')}&trace=${trace}`)).text();
      expect(eventIdsIn(byTrace)).toEqual([booked.id]);
      const byType = await (await client.get(`/kafka?topic=${topic('shipments')}&type=shipment.departed`)).text();
      expect(eventIdsIn(byType)).toEqual([]);
      expect((await client.get(`/kafka?topic=${topic('shipments')}&trace=nothex`)).status).toBe(400);
      expect((await client.get('/kafka?topic=not.a.project.topic')).status).toBe(404);
    });

    it('pages 50 at a time, newest first, with a link to the older ones', async () => {
      await system.produce('notifications.events.v1', 55);
      const first = await (
        await client.get(`/kafka?topic=${topicName('notifications', system.stack.topicPrefix)}`)
      ).text();
      const older = /<a href="(\/kafka\?[^"]+)" rel="next">Older records<\/a>/.exec(first)?.[1];
      expect(older).toBeDefined();
      const second = await (await client.get(older!.replace(/&amp;/g, '&'))).text();
      const seen = [...recordsIn(first), ...recordsIn(second)];
      expect(recordsIn(first)).toHaveLength(50);
      expect(new Set(seen).size).toBe(55);
      expect(second).toContain('Nothing older is kept on this topic.');
    });

    it("follows one shipment's facts across every topic, in time order", async () => {
      const page = await (await client.get(`/kafka/shipment?id=${shipmentId}`)).text();
      expect(eventIdsIn(page)).toEqual([booked.id, held.id]);
      expect(page).toContain(`traceId=${trace}`);
    });
  });

  describe('dead letters', () => {
    let ref: string;
    const event = customsEvent('customs.cleared', 'shipper-test');

    beforeAll(async () => {
      const original = toKafkaMessage(event);
      const message = {
        ...original,
        offset: '7',
        timestamp: String(Date.now()),
        attributes: 0,
        size: 0,
      } as unknown as KafkaMessage;
      const facts = {
        error: 'TypeError: boom\n    at apply',
        errorType: 'TypeError',
        topic: topic('customs'),
        partition: 2,
        offset: '7',
        consumer: 'shipments',
        attempts: 5,
        failedAt: new Date().toISOString(),
      };
      const [sent] = await producer.send({
        topic: deadLetterTopicName(topic('customs')),
        acks: -1,
        messages: [toDeadLetter(message, facts)],
      });
      ref = `${deadLetterTopicName(topic('customs'))}:${sent.partition}:${sent.baseOffset}`;
    });

    it('lists a dead letter with its error, attempts and origin, and shows it in full', async () => {
      const page = await (await client.get('/dead-letters')).text();
      expect(page).toContain(`<tr data-ref="${ref}">`);
      expect(page).toContain('<td class="error">TypeError: boom</td>');
      expect(page).toContain(`<td class="ref">${topic('customs')}:2:7</td>`);
      expect(page).toContain('a replayed record they had already applied is skipped');

      const letter = await client.get(`/dead-letters/letter?ref=${encodeURIComponent(ref)}`);
      expect(letter.status).toBe(200);
      const detail = await letter.text();
      expect(detail).toContain(`<dt>ce_id</dt><dd>${event.id}</dd>`);
      expect(detail).toContain('<dt>Attempts</dt><dd>5</dd>');
      expect(detail).toContain('TypeError: boom\n    at apply');
      expect(
        (
          await client.get(
            `/dead-letters/letter?ref=${encodeURIComponent(`${deadLetterTopicName(topic('customs'))}:0:999`)}`,
          )
        ).status,
      ).toBe(404);
    });

    it('replays only with the confirmation form (CSRF), onto its origin topic, and audits who did it', async () => {
      const confirm = await (await client.get(`/dead-letters/replay?ref=${encodeURIComponent(ref)}`)).text();
      expect(confirm).toContain('Replay 1 dead letter(s)?');
      expect((await client.post('/dead-letters/replay', { ref })).status).toBe(403);
      expect(await query(system.stack, 'SELECT 1 FROM console.replay_audit')).toEqual([]);

      const replayed = await client.post('/dead-letters/replay', { _csrf: ConsoleClient.csrfTokenIn(confirm), ref });
      expect(replayed.status).toBe(303);
      expect(replayed.headers.get('location')).toBe('/dead-letters?outcome=replayed&count=1');

      const origin = await readTopicsToEnd(kafka, [topic('customs')]);
      const landed = origin.filter((r) => headerText(r.message.headers, 'ce_id') === event.id);
      expect(landed).toHaveLength(1);
      expect(headerText(landed[0].message.headers, 'replay_of')).toBe(ref);
      expect(headerText(landed[0].message.headers, 'dlq_error')).toBeUndefined();

      const audit = await query(
        system.stack,
        'SELECT key_id, tenant_name, action, refs, outcome FROM console.replay_audit',
      );
      expect(audit).toEqual([
        {
          key_id: system.operator.keyId,
          tenant_name: 'Duty operator',
          action: 'replay',
          refs: [ref],
          outcome: 'replayed',
        },
      ]);
      const page = await (await client.get('/dead-letters?outcome=replayed&count=1')).text();
      expect(page).toContain('Replayed 1 dead letter(s)');
      expect(page).toMatch(
        new RegExp(`<tr data-audit-outcome="replayed">.*Duty operator.*${system.operator.keyId}.*<li>${ref}</li>`, 's'),
      );
    });

    it('replays nothing, audits nothing, outside the project dead-letter topics or where nothing is kept', async () => {
      expect(
        (await client.get(`/dead-letters/letter?ref=${encodeURIComponent('elsewhere.events.dlq:0:0')}`)).status,
      ).toBe(404);
      const confirm = await (await client.get('/dead-letters/replay?all=1&topic=elsewhere.events.dlq')).text();
      expect(confirm).toContain('Replay 0 dead letter(s)?');
      const csrf = ConsoleClient.csrfTokenIn(confirm);
      const gone = `${deadLetterTopicName(topic('customs'))}:0:999`;
      const forms: Record<string, string>[] = [
        { all: '1', topic: 'elsewhere.events.dlq' },
        { ref: gone },
        { ref: 'elsewhere.events.dlq:0:0' },
      ];
      for (const form of forms) {
        const response = await client.post('/dead-letters/replay', { _csrf: csrf, ...form });
        expect(response.headers.get('location')).toBe('/dead-letters?outcome=none&count=0');
      }
      await expect(query(system.stack, 'SELECT count(*)::int AS n FROM console.replay_audit')).resolves.toEqual([
        { n: 1 },
      ]);
    });

    it('replays all with a confirmation too', async () => {
      const confirm = await (
        await client.get(`/dead-letters/replay?all=1&topic=${deadLetterTopicName(topic('customs'))}`)
      ).text();
      expect(confirm).toContain('<input type="hidden" name="all" value="1">');
      const replayed = await client.post('/dead-letters/replay', {
        _csrf: ConsoleClient.csrfTokenIn(confirm),
        all: '1',
        topic: deadLetterTopicName(topic('customs')),
      });
      expect(replayed.headers.get('location')).toBe('/dead-letters?outcome=replayed&count=1');
      const audit = await query(system.stack, "SELECT refs FROM console.replay_audit WHERE action = 'replay all'");
      expect(audit).toEqual([{ refs: [ref] }]);
    });
  });
});
