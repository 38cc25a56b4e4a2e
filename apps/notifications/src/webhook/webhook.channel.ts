import type {
  AttemptResult,
  DeliveryChannel,
  DeliveryTarget,
  OutgoingNotification,
} from '../delivery/delivery-channel';
import { webhookHeaders } from './standard-webhooks';
import type { WebhookClient } from './webhook-client';

/**
 * Webhooks as a delivery channel: the Standard Webhooks envelope, signed with every secret that still
 * signs, POSTed once.
 */
export class WebhookChannel implements DeliveryChannel {
  readonly name = 'webhook';

  constructor(private readonly client: WebhookClient) {}

  async send(notification: OutgoingNotification, target: DeliveryTarget): Promise<AttemptResult> {
    const body = JSON.stringify({
      type: notification.eventType,
      timestamp: (notification.occurredAt ?? new Date()).toISOString(),
      data: notification.data,
    });
    // webhook-timestamp is the wall clock of sending: receivers check it against their own clock.
    const headers = webhookHeaders({
      id: notification.id,
      timestamp: new Date(),
      body,
      secrets: target.signingSecrets,
    });
    const response = await this.client.post(target.url!, headers, body);
    if (response.refused) return { outcome: 'refused', latencyMs: response.latencyMs, error: response.error };
    if (response.status === 410)
      return { outcome: 'gone', statusCode: 410, latencyMs: response.latencyMs, error: 'endpoint answered 410 Gone' };
    if (response.status !== undefined && response.status >= 200 && response.status < 300)
      return { outcome: 'delivered', statusCode: response.status, latencyMs: response.latencyMs };
    return {
      outcome: 'failed',
      statusCode: response.status,
      latencyMs: response.latencyMs,
      error: response.error ?? `HTTP ${response.status}`,
    };
  }

  close(): Promise<void> {
    return this.client.close();
  }
}
