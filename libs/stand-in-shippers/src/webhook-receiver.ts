import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

/** What the services post to a webhook (`{ type, timestamp, data }`), with the data fields readers look at. */
interface WebhookPayload {
  type?: string;
  timestamp?: string;
  data?: { eventId?: string; acceptedAt?: string; [field: string]: unknown };
}

export interface ReceivedWebhook {
  id: string;
  timestamp: string;
  signature: string;
  /** Undefined when the request's body was not JSON. */
  body: WebhookPayload | undefined;
  raw: string;
  /** Verified by the `standardwebhooks` package with one of the receiver's secrets. */
  verified: boolean;
  /** What it answered; 0 when the sender hung up first. */
  status: number;
  receivedAt: number;
}

export interface WebhookReceiver {
  url: string;
  requests: ReceivedWebhook[];
  /** The requests it answered 2xx. */
  readonly delivered: ReceivedWebhook[];
  /** Answer the next `times` requests with `status`. */
  respondWith(status: number, times?: number): void;
  /** Hold the next `times` answers for `ms`. */
  delayNext(ms: number, times?: number): void;
  close(): Promise<void>;
}

/** A shipper's webhook endpoint on loopback that verifies Standard Webhooks signatures, with programmable failures. */
export async function startWebhookReceiver(secrets: () => string | string[], port = 0): Promise<WebhookReceiver> {
  const requests: ReceivedWebhook[] = [];
  const statuses: number[] = [];
  const delays: number[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const headers = {
        'webhook-id': String(req.headers['webhook-id'] ?? ''),
        'webhook-timestamp': String(req.headers['webhook-timestamp'] ?? ''),
        'webhook-signature': String(req.headers['webhook-signature'] ?? ''),
      };
      const verified = [secrets()].flat().some((secret) => {
        try {
          new Webhook(secret).verify(raw, headers);
          return true;
        } catch {
          return false;
        }
      });
      let body: WebhookPayload | undefined;
      try {
        body = JSON.parse(raw) as WebhookPayload;
      } catch {
        body = undefined;
      }
      const status = statuses.shift() ?? 200;
      const delay = delays.shift() ?? 0;
      const request: ReceivedWebhook = {
        id: headers['webhook-id'],
        timestamp: headers['webhook-timestamp'],
        signature: headers['webhook-signature'],
        body,
        raw,
        verified,
        status,
        receivedAt: Date.now(),
      };
      requests.push(request);
      const answer = () => {
        // The sender gave up waiting (its timeout): nothing was answered.
        if (res.destroyed) request.status = 0;
        else res.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'ok' : 'no');
      };
      if (delay) setTimeout(answer, delay);
      else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/cargo`,
    requests,
    get delivered() {
      return requests.filter((r) => r.status >= 200 && r.status < 300);
    },
    respondWith: (status, times = 1) => statuses.push(...Array<number>(times).fill(status)),
    delayNext: (ms, times = 1) => delays.push(...Array<number>(times).fill(ms)),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
