import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { startWebhookReceiver, type WebhookReceiver } from './webhook-receiver';

const newSecret = () => `whsec_${randomBytes(32).toString('base64')}`;

/** Posts like a Standard Webhooks sender, signing with `secret`. */
function post(url: string, secret: string, data: unknown, signal?: AbortSignal): Promise<Response> {
  const id = `msg_${randomBytes(6).toString('hex')}`;
  const now = new Date();
  const body = JSON.stringify({ type: 'customs.cleared', timestamp: now.toISOString(), data });
  const headers = {
    'content-type': 'application/json',
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
    'webhook-signature': new Webhook(secret).sign(id, now, body),
  };
  return fetch(url, { method: 'POST', headers, body, signal });
}

describe('startWebhookReceiver', () => {
  let receiver: WebhookReceiver;
  let secrets: string[];

  beforeEach(async () => {
    secrets = [newSecret()];
    receiver = await startWebhookReceiver(() => secrets);
  });

  afterEach(() => receiver.close());

  it('records each request with its headers, parsed body and whether its signature verifies', async () => {
    await expect(post(receiver.url, secrets[0], { crossing: 'torkham' })).resolves.toMatchObject({ status: 200 });
    await expect(post(receiver.url, newSecret(), { crossing: 'chaman' })).resolves.toMatchObject({ status: 200 });
    expect(receiver.requests).toHaveLength(2);
    expect(receiver.requests[0]).toMatchObject({
      id: expect.stringMatching(/^msg_/),
      signature: expect.stringMatching(/^v1,/),
      body: { type: 'customs.cleared', data: { crossing: 'torkham' } },
      verified: true,
    });
    expect(receiver.requests[0].raw).toBe(JSON.stringify(receiver.requests[0].body));
    expect(Math.abs(receiver.requests[0].receivedAt - Date.now())).toBeLessThan(5_000);
    expect(receiver.requests[1].verified).toBe(false);
  });

  it('verifies with any of the current secrets, read at each request (a rotation)', async () => {
    const previous = secrets[0];
    secrets = [newSecret(), previous];
    await post(receiver.url, previous, {});
    secrets = [newSecret()];
    await post(receiver.url, previous, {});
    expect(receiver.requests.map((r) => r.verified)).toEqual([true, false]);
  });

  it('answers from the queued statuses, then 200, and counts only the 2xx as delivered', async () => {
    receiver.respondWith(503, 2);
    receiver.respondWith(410);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await post(receiver.url, secrets[0], { i })).status);
    expect(statuses).toEqual([503, 503, 410, 200]);
    expect(receiver.delivered.map((r) => r.body?.data?.i)).toEqual([3]);
  });

  it('holds the next answers, and marks one the sender gave up on as unanswered', async () => {
    receiver.delayNext(300);
    const started = Date.now();
    await expect(post(receiver.url, secrets[0], {})).resolves.toMatchObject({ status: 200 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);

    receiver.delayNext(500);
    await expect(post(receiver.url, secrets[0], {}, AbortSignal.timeout(100))).rejects.toThrow();
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(receiver.requests.map((r) => r.status)).toEqual([200, 0]);
    expect(receiver.delivered).toHaveLength(1);
  });
});
