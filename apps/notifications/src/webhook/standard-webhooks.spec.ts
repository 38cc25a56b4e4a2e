import { Webhook } from 'standardwebhooks';
import { generateWebhookSecret, webhookHeaders } from './standard-webhooks';

describe('Standard Webhooks signing', () => {
  const body = JSON.stringify({
    type: 'customs.cleared',
    timestamp: '2026-12-02T10:00:00.000Z',
    data: { crossing: 'Torkham' },
  });
  const signed = (secrets: string[], payload = body) =>
    webhookHeaders({ id: 'msg_1', timestamp: new Date(), body: payload, secrets });

  it('generates whsec_ secrets of 32 random bytes', () => {
    const secret = generateWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(generateWebhookSecret()).not.toBe(secret);
  });

  it('is verified by the standardwebhooks library', () => {
    const secret = generateWebhookSecret();
    expect(new Webhook(secret).verify(body, signed([secret]))).toEqual(JSON.parse(body));
  });

  it('signs with both secrets after a rotation, each verifying on its own', () => {
    const [current, previous] = [generateWebhookSecret(), generateWebhookSecret()];
    const headers = signed([current, previous]);
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    expect(() => new Webhook(current).verify(body, headers)).not.toThrow();
    expect(() => new Webhook(previous).verify(body, headers)).not.toThrow();
  });

  it('fails verification for a tampered body or another secret', () => {
    const secret = generateWebhookSecret();
    const headers = signed([secret]);
    expect(() => new Webhook(secret).verify(body.replace('Torkham', 'Chaman'), headers)).toThrow();
    expect(() => new Webhook(generateWebhookSecret()).verify(body, headers)).toThrow();
  });
});
