import { Webhook } from 'standardwebhooks';
import { generateWebhookSecret } from './standard-webhooks';
import type { WebhookAttemptResult, WebhookClient } from './webhook-client';
import { WebhookChannel } from './webhook.channel';

const notification = {
  id: 'msg_1',
  eventType: 'customs.cleared',
  sourceEventId: 'e-1',
  data: { shipmentId: 's-1', crossing: 'Torkham' },
  occurredAt: new Date('2026-12-02T10:00:00Z'),
  trackingNumber: null,
  commodity: null,
  language: 'en' as const,
  title: 'Shipment s-1 cleared customs at Torkham',
  message: 'Shipment s-1 cleared customs at Torkham.\n',
  facts: null,
};
const target = (secret: string) => ({
  subscriptionId: 'sub-1',
  url: 'https://hooks.example.com/cargo',
  email: null,
  signingSecrets: [secret],
});

/** A client that answers `answer` and remembers what it was asked to post. */
function channelAnswering(answer: WebhookAttemptResult, secret = generateWebhookSecret()) {
  const posted: { url: string; headers: Record<string, string>; body: string }[] = [];
  const client = {
    post: (url: string, headers: Record<string, string>, body: string) => (
      posted.push({ url, headers, body }),
      Promise.resolve(answer)
    ),
  } as unknown as WebhookClient;
  return { channel: new WebhookChannel(client), posted, secret };
}

describe('WebhookChannel', () => {
  it('posts the Standard Webhooks envelope, signed so that standardwebhooks verifies it', async () => {
    const { channel, posted, secret } = channelAnswering({ status: 204, latencyMs: 3 });
    await expect(channel.send(notification, target(secret))).resolves.toEqual({
      outcome: 'delivered',
      statusCode: 204,
      latencyMs: 3,
    });
    const [{ url, headers, body }] = posted;
    expect(url).toBe('https://hooks.example.com/cargo');
    expect(headers['webhook-id']).toBe('msg_1');
    expect(new Webhook(secret).verify(body, headers)).toEqual({
      type: 'customs.cleared',
      timestamp: '2026-12-02T10:00:00.000Z',
      data: notification.data,
    });
  });

  it.each([
    [
      { status: 410, latencyMs: 1 },
      { outcome: 'gone', statusCode: 410, error: 'endpoint answered 410 Gone' },
    ],
    [
      { status: 500, latencyMs: 1 },
      { outcome: 'failed', statusCode: 500, error: 'HTTP 500' },
    ],
    [
      { status: 302, latencyMs: 1 },
      { outcome: 'failed', statusCode: 302, error: 'HTTP 302' },
    ],
    [
      { latencyMs: 1, error: 'timeout after 500 ms' },
      { outcome: 'failed', error: 'timeout after 500 ms' },
    ],
    [
      { latencyMs: 1, refused: true, error: 'refused: loopback address 127.0.0.1' },
      { outcome: 'refused', error: 'refused: loopback address 127.0.0.1' },
    ],
  ])('turns the answer %j into the outcome %j', async (answer, outcome) => {
    const { channel, secret } = channelAnswering(answer);
    await expect(channel.send(notification, target(secret))).resolves.toMatchObject(outcome);
  });
});
