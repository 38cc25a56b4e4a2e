import { createHmac, randomBytes } from 'node:crypto';

/** Standard Webhooks 1.0 (https://www.standardwebhooks.com): secrets `whsec_<base64>`, `v1,<base64 HMAC-SHA256>` signatures. */
const PREFIX = 'whsec_';

export function generateWebhookSecret(): string {
  return PREFIX + randomBytes(32).toString('base64');
}

function key(secret: string): Buffer {
  return Buffer.from(secret.startsWith(PREFIX) ? secret.slice(PREFIX.length) : secret, 'base64');
}

/** One `v1,` signature of `id.timestamp.body` per secret, space-separated (a rotation sends old and new). */
export function signatures(secrets: string[], id: string, timestampSeconds: number, body: string): string {
  const content = `${id}.${timestampSeconds}.${body}`;
  return secrets.map((secret) => `v1,${createHmac('sha256', key(secret)).update(content).digest('base64')}`).join(' ');
}

export function webhookHeaders({
  id,
  timestamp,
  body,
  secrets,
}: {
  id: string;
  timestamp: Date;
  body: string;
  secrets: string[];
}): Record<string, string> {
  const seconds = Math.floor(timestamp.getTime() / 1000);
  return {
    'content-type': 'application/json',
    'user-agent': 'kz-pk-logistics-webhooks/1',
    'webhook-id': id,
    'webhook-timestamp': String(seconds),
    'webhook-signature': signatures(secrets, id, seconds, body),
  };
}
