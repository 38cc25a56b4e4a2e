import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { renderNotification } from '../render/notification-message';
import { emailOf } from './email-template';
import { Mailer } from './mailer';

interface Received {
  from: string;
  to: string[];
  raw: string;
  user?: string;
}

/** A real SMTP server on loopback, plain text (no STARTTLS), that keeps what it is sent. */
async function startServer(): Promise<{ server: SMTPServer; port: number; received: Received[] }> {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    // smtp-server refuses AUTH over plain connections unless told otherwise.
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth: (auth, _session, callback) =>
      auth.username === 'notifications' && auth.password === 's3cret'
        ? callback(null, { user: auth.username })
        : callback(new Error('bad credentials')),
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
          user: session.user as string | undefined,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.server.address() as AddressInfo).port, received };
}

/** A MIME part of a received message by its content type, its transfer encoding undone. */
function part(raw: string, contentType: string): string {
  for (const chunk of raw.split(/\r?\n--[^\r\n]+\r?\n/)) {
    const [head, ...body] = chunk.split(/\r?\n\r?\n/);
    if (!new RegExp(`^Content-Type: ${contentType}`, 'im').test(head)) continue;
    const encoded = body.join('\n\n');
    const encoding = /^Content-Transfer-Encoding: (\S+)/im.exec(head)?.[1].toLowerCase();
    if (encoding === 'base64') return Buffer.from(encoded.replace(/\s/g, ''), 'base64').toString('utf8');
    if (encoding !== 'quoted-printable') return encoded;
    const bytes = encoded.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => `%${hex}`);
    return decodeURIComponent(bytes.replace(/%(?![0-9A-F]{2})/gi, '%25'));
  }
  return '';
}

/** A folded header of RFC 2047 encoded words (=?UTF-8?B?…?= or =?UTF-8?Q?…?=) back to text. */
function decodeWords(header: string): string {
  const words = [...header.matchAll(/=\?UTF-8\?([BQ])\?([^?]*)\?=/gi)];
  expect(words.length).toBeGreaterThan(0);
  const bytes = words.map(([, encoding, text]) =>
    encoding.toUpperCase() === 'B'
      ? Buffer.from(text, 'base64')
      : Buffer.from(
          text
            .replace(/_/g, ' ')
            .replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))),
          'latin1',
        ),
  );
  return Buffer.concat(bytes).toString('utf8');
}

describe('Mailer (a real SMTP server on loopback)', () => {
  let smtp: Awaited<ReturnType<typeof startServer>>;
  const mailers: Mailer[] = [];
  const mailer = (credentials: { user?: string; password?: string } = {}) => {
    const created = new Mailer({
      host: '127.0.0.1',
      port: smtp.port,
      secure: false,
      from: 'Cargo tracking <notify@kz-pk.example>',
      ...credentials,
    });
    mailers.push(created);
    return created;
  };
  const mail = {
    to: 'ops@shipper.example',
    subject: 'Kinnow shipment KZPK-7F3K-9Q2M cleared customs at Torkham',
    text: 'Cleared at Torkham.',
    html: '<p>Cleared at <b>Torkham</b>.</p>',
  };

  beforeAll(async () => {
    smtp = await startServer();
  });

  afterAll(async () => {
    // Pooled connections first, or the server waits for them before it closes.
    for (const m of mailers) m.close();
    await new Promise<void>((resolve) => smtp.server.close(() => resolve()));
  });

  it('delivers the message with its recipient, subject, text and html parts', async () => {
    const { messageId } = await mailer().send({ ...mail, headers: { 'X-Notification-Id': 'n-1' } });
    expect(messageId).toMatch(/^<.+@.+>$/);
    // Header names are case-insensitive; nodemailer writes this one as X-Notification-ID.
    const message = smtp.received.find((r) => /^X-Notification-Id: n-1$/im.test(r.raw));
    expect(message).toMatchObject({ from: 'notify@kz-pk.example', to: ['ops@shipper.example'] });
    expect(message!.raw).toContain(`Subject: ${mail.subject}`);
    expect(message!.raw).toContain(`Message-ID: ${messageId}`);
    expect(message!.raw).toMatch(/Content-Type: text\/plain[^]*Cleared at Torkham\./);
    expect(message!.raw).toMatch(/Content-Type: text\/html[^]*<p>Cleared at <b>Torkham<\/b>\.<\/p>/);
  });

  it('logs in when given credentials, and rejects when the server refuses them', async () => {
    await mailer({ user: 'notifications', password: 's3cret' }).send({ ...mail, to: 'auth@shipper.example' });
    expect(smtp.received.find((r) => r.to.includes('auth@shipper.example'))).toMatchObject({ user: 'notifications' });
    await expect(mailer({ user: 'notifications', password: 'wrong' }).send(mail)).rejects.toThrow();
  });

  it('carries a notification in Urdu and Russian intact: subject, right-to-left HTML, text', async () => {
    const cleared = { shipmentId: '6f1c4a52-4c0e-4a55-9d0a-0d7f8c1b2a11', crossing: 'Torkham' };
    const context = { trackingNumber: 'KZPK-7F3K-9Q2M', commodity: 'kinnow' };
    for (const language of ['ur', 'ru'] as const) {
      const email = emailOf(renderNotification('customs.cleared', cleared, context, language));
      const to = `${language}@shipper.example`;
      await mailer().send({ ...email, to });
      const raw = smtp.received.find((r) => r.to.includes(to))!.raw;
      const subject = /^Subject: (.*(?:\r?\n[ \t].*)*)/im.exec(raw)![1];
      expect(decodeWords(subject)).toBe(email.subject);
      expect(part(raw, 'text/html').replace(/\r\n/g, '\n')).toBe(email.html);
      expect(part(raw, 'text/plain').replace(/\r\n/g, '\n')).toBe(email.text);
    }
    expect(part(smtp.received.find((r) => r.to.includes('ur@shipper.example'))!.raw, 'text/html')).toContain(
      '<html lang="ur" dir="rtl">',
    );
  });
});
