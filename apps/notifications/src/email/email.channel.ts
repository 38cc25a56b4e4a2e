import type {
  AttemptResult,
  DeliveryChannel,
  DeliveryTarget,
  OutgoingNotification,
} from '../delivery/delivery-channel';
import { renderNotification } from '../render/notification-message';
import type { Mailer } from './mailer';

/** Email as a delivery channel: the notification written for people, with a Message-ID stable across retries. */
export class EmailChannel implements DeliveryChannel {
  readonly name = 'email';

  constructor(private readonly mailer: Mailer) {}

  async send(notification: OutgoingNotification, target: DeliveryTarget): Promise<AttemptResult> {
    const started = performance.now();
    const rendered = renderNotification(notification.eventType, notification.data, {
      trackingNumber: notification.trackingNumber ?? undefined,
      commodity: notification.commodity ?? undefined,
    });
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
