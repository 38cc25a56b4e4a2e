import type { OutgoingNotification } from '../delivery/delivery-channel';
import { renderNotification } from '../render/notification-message';
import { EmailChannel } from './email.channel';
import type { Mail, Mailer } from './mailer';

const shipmentId = '6f1c4a52-4c0e-4a55-9d0a-0d7f8c1b2a11';
const data = { shipmentId, crossing: 'torkham', occurredAt: '2026-12-03T06:00:00.000Z' };
const context = { trackingNumber: 'KZPK-7F3K-9Q2M', commodity: 'kinnow' };

function channel(): { email: EmailChannel; sent: Mail[] } {
  const sent: Mail[] = [];
  const mailer = { send: (mail: Mail) => Promise.resolve(sent.push(mail) && { messageId: mail.messageId }) };
  return { email: new EmailChannel(mailer as unknown as Mailer), sent };
}

function stored(language: 'ru' | 'en', facts: boolean): OutgoingNotification {
  const rendered = renderNotification('customs.cleared', data, context, language);
  return {
    id: 'n-1',
    eventType: 'customs.cleared',
    sourceEventId: 'e-1',
    data,
    occurredAt: new Date(data.occurredAt),
    ...context,
    language,
    title: rendered.subject,
    message: rendered.text,
    facts: facts ? rendered.facts : null,
  };
}

const target = { subscriptionId: 's-1', url: null, email: 'ops@kinnow.example', signingSecrets: [] };

describe('EmailChannel', () => {
  it('sends what was written for the notification, whatever the subscription’s language is now', async () => {
    const { email, sent } = channel();
    const notification = stored('ru', true);
    // Should the subscription switch to Kazakh after the Russian notification was written, a retry is the
    // same mail: the target carries no language, the notification its own.
    await email.send(notification, target);
    await email.send(notification, target);
    expect(sent.map((mail) => [mail.subject, mail.text, mail.messageId])).toEqual([
      [notification.title, notification.message, '<n-1@kzpk-logistics>'],
      [notification.title, notification.message, '<n-1@kzpk-logistics>'],
    ]);
    expect(sent[0].html).toContain('<html lang="ru" dir="ltr">');
    expect(sent[0].html).toContain('>Трек-номер</th>');
  });

  it('renders one written before its facts were kept from its stored data, in its stored language', async () => {
    const { email, sent } = channel();
    await email.send(stored('en', false), target);
    expect(sent[0].subject).toBe('Kinnow shipment KZPK-7F3K-9Q2M cleared customs at Torkham');
    expect(sent[0].text).toContain('\nWhen: Dec 3, 2026, 11:00 GMT+5\n');
  });
});
