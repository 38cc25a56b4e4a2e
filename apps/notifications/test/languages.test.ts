import { randomUUID } from 'node:crypto';
import { createCaller, eventually, startSmtpCatcher, type SmtpCatcher, type TestCaller } from '@lib/testing';
import { getJson, postJson } from '../../../test/support/bookings';
import { query } from '../../../test/support/database';
import { readSse } from '../../../test/support/sse';
import { bookedEvent, customsEvent } from '../../../test/support/events';
import { startNotificationsHarness, type NotificationsHarness } from './notifications-harness';

/** The HTML part of a caught message, its transfer encoding undone. */
const htmlOf = (raw: string): string => partOf(raw, 'html');
/** The text part of a caught message, with the line ends it was written with. */
const textOf = (raw: string): string =>
  partOf(raw, 'plain')
    .replace(/\r\n/g, '\n')
    .replace(/\n?--[^\n]*--\s*$/, '');

function partOf(raw: string, subtype: 'html' | 'plain'): string {
  const type = new RegExp(`^Content-Type: text/${subtype}`, 'im');
  const chunk = raw.split(/\r?\n--[^\r\n]+\r?\n/).find((c) => type.test(c)) ?? '';
  const [head, ...body] = chunk.split(/\r?\n\r?\n/);
  const encoded = body.join('\n\n');
  if (/^Content-Transfer-Encoding: base64/im.test(head))
    return Buffer.from(encoded.replace(/\s/g, ''), 'base64').toString('utf8');
  const bytes = encoded.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, '%$1');
  return decodeURIComponent(bytes.replace(/%(?![0-9A-F]{2})/gi, '%25'));
}

/**
 * Languages on the real stack: a subscription's language comes from its body or the request's
 * Accept-Language, is kept, shown and changed like any field, and its emails (subject, text, HTML with
 * the language and direction) are written in it; webhook payloads stay structured data.
 */
describe('notifications: each subscription in its language', () => {
  let harness: NotificationsHarness;
  let smtp: SmtpCatcher;
  let shipper: TestCaller;
  const url = (path: string) => `${harness.notifications.baseUrl}${path}`;
  const mailTo = (address: string) => smtp.messages.filter((m) => m.to.includes(address));

  beforeAll(async () => {
    smtp = await startSmtpCatcher();
    harness = await startNotificationsHarness('notify_languages', {
      WEBHOOK_ALLOW_LOOPBACK: 'true',
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(smtp.port),
    });
    shipper = await createCaller(harness.stack, { name: 'Bhalwal Kinnow', role: 'shipper' });
  });

  afterAll(async () => {
    await harness?.close();
    await smtp?.close();
  });

  it('takes the language from the body or Accept-Language, refuses one it does not write', async () => {
    const fromHeader = await postJson(
      url('/v1/subscriptions'),
      { channel: 'email', email: 'header@bhalwal-kinnow.example', eventTypes: ['customs.*'] },
      shipper,
      { 'accept-language': 'ru-KZ,ru;q=0.9,en;q=0.5' },
    );
    expect(fromHeader).toMatchObject({ status: 201, body: { language: 'ru' } });
    const fromBody = await postJson(
      url('/v1/subscriptions'),
      { channel: 'email', email: 'body@bhalwal-kinnow.example', language: 'kk' },
      shipper,
      { 'accept-language': 'ur' },
    );
    expect(fromBody).toMatchObject({ status: 201, body: { language: 'kk' } });
    const neither = await postJson(url('/v1/subscriptions'), { channel: 'email', email: 'x@example.com' }, shipper);
    expect(neither.body.language).toBe('en');
    await expect(getJson(url(`/v1/subscriptions/${fromHeader.body.id}`), shipper)).resolves.toMatchObject({
      body: { language: 'ru' },
    });

    const refused = await postJson(
      url('/v1/subscriptions'),
      { channel: 'email', email: 'de@example.com', language: 'de' },
      shipper,
    );
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([{ field: 'language', reason: expect.stringContaining('en, ur, ru, kk') }]);
    const patched = await fetch(url(`/v1/subscriptions/${fromHeader.body.id}`), {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', authorization: shipper.authorization },
      body: JSON.stringify({ language: 'urdu' }),
    });
    expect(patched.status).toBe(422);
    await Promise.all(
      [fromHeader, fromBody, neither].map((s) =>
        fetch(url(`/v1/subscriptions/${s.body.id}`), {
          method: 'DELETE',
          headers: { authorization: shipper.authorization },
        }),
      ),
    );
  });

  it('documents the language in OpenAPI: the field, its values and the Accept-Language default', async () => {
    const document = (await (await fetch(url('/docs-json'))).json()) as {
      paths: Record<string, Record<string, { parameters?: { name: string }[]; requestBody?: unknown }>>;
    };
    const create = document.paths['/v1/subscriptions'].post;
    expect(create.parameters?.map((p) => p.name)).toContain('Accept-Language');
    expect(JSON.stringify(create.requestBody)).toContain('"language"');
    expect(JSON.stringify(create.requestBody)).toContain('["en","ur","ru","kk"]');
    expect(JSON.stringify(document.paths['/v1/subscriptions/{id}'].patch.requestBody)).toContain('"language"');
    expect(document.paths['/v1/feed'].get.parameters?.map((p) => p.name)).toContain('language');
  });

  it('emails each subscription in its language, follows a change of language, keeps webhooks structured', async () => {
    const { publish, webhook } = harness;
    const { receiver } = await webhook(shipper, ['customs.*']);
    const russian = await postJson(
      url('/v1/subscriptions'),
      { channel: 'email', email: 'ru@bhalwal-kinnow.example', eventTypes: ['customs.*'] },
      shipper,
      { 'accept-language': 'ru' },
    );
    const urdu = await postJson(
      url('/v1/subscriptions'),
      { channel: 'email', email: 'ur@bhalwal-kinnow.example', eventTypes: ['customs.*'], language: 'ur' },
      shipper,
    );
    expect([russian.body.language, urdu.body.language]).toEqual(['ru', 'ur']);

    const booked = bookedEvent({ shipperId: shipper.tenantId });
    const tracking = booked.data.trackingNumber;
    const missing = customsEvent('customs.documents.missing', shipper.tenantId, booked.subject, {
      missing: ['phytosanitary_certificate', 'packing_list'],
      stage: 'arrival',
    });
    // Consumed before the customs fact, as in life: facts on two topics reach the service in no set order.
    await publish(booked);
    await harness.caughtUp();
    await publish(missing);

    await eventually(() => {
      expect(mailTo('ru@bhalwal-kinnow.example')).toHaveLength(1);
      expect(mailTo('ur@bhalwal-kinnow.example')).toHaveLength(1);
    });
    const [ru] = mailTo('ru@bhalwal-kinnow.example');
    expect(ru.subject).toBe(
      `Груз ${tracking} (mango) задержан на пункте пропуска Torkham, не хватает документов: ` +
        'фитосанитарный сертификат и упаковочный лист',
    );
    expect(htmlOf(ru.raw)).toContain('<html lang="ru" dir="ltr">');
    expect(htmlOf(ru.raw)).toContain('>Трек-номер</th>');
    const [ur] = mailTo('ur@bhalwal-kinnow.example');
    expect(ur.subject).toBe(
      `کھیپ ${tracking} (mango) کو Torkham پر روک لیا گیا ہے، یہ دستاویزات موجود نہیں: ` +
        'فائٹو سینیٹری سرٹیفکیٹ اور پیکنگ لسٹ',
    );
    expect(htmlOf(ur.raw)).toMatch(/<html lang="ur" dir="rtl">[^]*<th[^>]*>ٹریکنگ نمبر<\/th>/);

    // Each row keeps the text in its reader's language; the feed's is English.
    const rows: { channel: string; subscription_id: string | null; title: string }[] = await query(
      harness.stack,
      `SELECT channel, subscription_id, title FROM notifications.notifications WHERE source_event_id = $1`,
      [missing.id],
    );
    expect(rows.find((r) => r.subscription_id === russian.body.id)?.title).toBe(ru.subject);
    expect(rows.find((r) => r.channel === 'feed')?.title).toMatch(/^Mango shipment .* held at Torkham/);
    // Rendered once, from what the webhook carries (occurredAt filled in from the event's time): the row,
    // its email and the feed read in that language say the same, the "when" line included.
    const [ruRow]: { message: string; language: string }[] = await query(
      harness.stack,
      `SELECT message, language FROM notifications.notifications WHERE source_event_id = $1 AND subscription_id = $2`,
      [missing.id, russian.body.id],
    );
    expect(ruRow).toMatchObject({ language: 'ru', message: expect.stringContaining('\nВремя: ') });
    expect(textOf(ru.raw).trimEnd()).toBe(ruRow.message.trimEnd());
    const [ruId]: { id: string }[] = await query(
      harness.stack,
      'SELECT id FROM notifications.notifications WHERE source_event_id = $1 AND subscription_id = $2',
      [missing.id, russian.body.id],
    );
    await expect(getJson(url(`/v1/notifications/${ruId.id}`), shipper)).resolves.toMatchObject({
      status: 200,
      body: { language: 'ru', title: ru.subject },
    });
    const feed = await readSse(url('/v1/feed?lastEventId=0&language=ru'), { authorization: shipper.authorization }, 2);
    expect(feed.events.find((e) => e.event === 'customs.documents.missing')?.data.message).toBe(ruRow.message);

    // The webhook carries the structured payload as before: no sentence in any language.
    await eventually(() => expect(receiver.delivered).toHaveLength(1));
    expect(Object.keys(receiver.requests[0].body as object).sort()).toEqual(['data', 'timestamp', 'type']);
    expect(receiver.requests[0].body).toMatchObject({
      type: 'customs.documents.missing',
      data: { missing: ['phytosanitary_certificate', 'packing_list'] },
    });

    // A change of language reaches the next email (the subscription cache hears of it).
    const changed = await fetch(url(`/v1/subscriptions/${russian.body.id}`), {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', authorization: shipper.authorization },
      body: JSON.stringify({ language: 'kk' }),
    });
    await expect(changed.json()).resolves.toMatchObject({ language: 'kk' });
    const cleared = customsEvent('customs.cleared', shipper.tenantId, booked.subject);
    await publish(cleared);
    await eventually(() => expect(mailTo('ru@bhalwal-kinnow.example')).toHaveLength(2));
    expect(mailTo('ru@bhalwal-kinnow.example')[1].subject).toBe(
      `Жүк ${tracking} (mango) Torkham өткізу пунктінде кедендік ресімдеуден өтті`,
    );
  });

  it('prints the times of an event naming no place in the zone of the booked leg it concerns', async () => {
    // The booking's only leg arrives at Torkham (Pakistan, UTC+5); the delay names only the leg.
    const booked = bookedEvent({ shipperId: shipper.tenantId });
    const delayed = {
      id: randomUUID(),
      type: 'shipment.leg.delayed',
      source: '/shipments',
      subject: booked.subject,
      time: '2026-12-03T06:00:00.000Z',
      data: {
        shipmentId: booked.subject,
        shipperId: shipper.tenantId,
        legSequence: 1,
        plannedArrival: '2026-12-03T06:00:00.000Z',
        estimatedArrival: '2026-12-03T10:00:00.000Z',
      },
    } as unknown as typeof booked;
    await harness.publish(booked);
    await harness.caughtUp();
    await harness.publish(delayed);
    const [row] = await eventually(async () => {
      const rows: { title: string; message: string }[] = await query(
        harness.stack,
        `SELECT title, message FROM notifications.notifications WHERE source_event_id = $1 AND channel = 'feed'`,
        [delayed.id],
      );
      expect(rows).toHaveLength(1);
      return rows;
    });
    expect(row.title).toBe(
      `Mango shipment ${booked.data.trackingNumber} is late on leg 1: ` +
        'planned Dec 3, 2026, 11:00 GMT+5, now expected Dec 3, 2026, 15:00 GMT+5',
    );
    expect(row.message).toContain('\nWhen: Dec 3, 2026, 11:00 GMT+5\n');
  });
});
