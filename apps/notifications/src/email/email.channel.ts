import { directionOf } from '@lib/i18n';
import type {
  AttemptResult,
  DeliveryChannel,
  DeliveryTarget,
  OutgoingNotification,
} from '../delivery/delivery-channel';
import { renderNotification, type RenderedNotification } from '../render/notification-message';
import { emailOf } from './email-template';
import type { Mailer } from './mailer';

/**
 * Email as a delivery channel: the notification as it was written for people when it was made (in the
 * subscription's language then), with a Message-ID stable across retries, so every retry is the same mail.
 */
export class EmailChannel implements DeliveryChannel {
  readonly name = 'email';

  constructor(private readonly mailer: Mailer) {}

  async send(notification: OutgoingNotification, target: DeliveryTarget): Promise<AttemptResult> {
    const started = performance.now();
    const rendered = emailOf(writtenOf(notification));
    try {
      await this.mailer.send({
        to: target.email!,
        subject: rendered.subject,
        text: rendered.text,
        html: rendered.html,
        messageId: `<${notification.id}@kzpk-logistics>`,
        headers: { 'X-Notification-Id': notification.id, 'X-Source-Event-Id': notification.sourceEventId },
      });
      return { outcome: 'delivered', latencyMs: Math.round(performance.now() - started) };
    } catch (error) {
      return { outcome: 'failed', latencyMs: Math.round(performance.now() - started), error: (error as Error).message };
    }
  }

  close(): Promise<void> {
    this.mailer.close();
    return Promise.resolve();
  }
}

/**
 * The notification's stored words; one written before facts were kept (English) is rendered again from
 * its stored data in its stored language.
 */
export function writtenOf(notification: OutgoingNotification): RenderedNotification {
  const { language, title, message, facts } = notification;
  if (facts) return { language, direction: directionOf(language), subject: title, text: message, facts };
  return renderNotification(
    notification.eventType,
    notification.data,
    { trackingNumber: notification.trackingNumber ?? undefined, commodity: notification.commodity ?? undefined },
    language,
  );
}
