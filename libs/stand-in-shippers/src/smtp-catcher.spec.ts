import { connect } from 'node:net';
import { createTransport } from 'nodemailer';
import { startSmtpCatcher, type SmtpCatcher } from './smtp-catcher';

describe('startSmtpCatcher', () => {
  let catcher: SmtpCatcher;

  beforeAll(async () => {
    catcher = await startSmtpCatcher();
  });

  afterAll(() => catcher.close());

  const send = (subject: string, to: string[]) =>
    createTransport({ host: '127.0.0.1', port: catcher.port, secure: false }).sendMail({
      from: 'notify@kz-pk.example',
      to,
      subject,
      text: 'body text',
      html: '<p>body</p>',
    });

  it('keeps each message with its envelope, subject and raw source', async () => {
    await send('Shipment 6f1c4a52 cleared customs at Torkham', ['a@shipper.example', 'b@shipper.example']);
    expect(catcher.messages).toHaveLength(1);
    expect(catcher.messages[0]).toMatchObject({
      from: 'notify@kz-pk.example',
      to: ['a@shipper.example', 'b@shipper.example'],
      subject: 'Shipment 6f1c4a52 cleared customs at Torkham',
    });
    expect(catcher.messages[0].raw).toContain('body text');
  });

  it('reads back a long, non-ASCII subject that the sender encoded and folded', async () => {
    const subject =
      'Kinnow shipment KZPK-7F3K-9Q2M held by customs at Khunjerab–Tashkurgan: documents missing: ' +
      'phytosanitary certificate, certificate of origin';
    await send(subject, ['c@shipper.example']);
    const caught = catcher.messages.find((m) => m.to.includes('c@shipper.example'));
    expect(caught!.raw).not.toContain(subject);
    expect(caught!.subject).toBe(subject);
  });

  it('survives a sender that resets its connection mid-session (killed with SIGKILL) and keeps catching', async () => {
    const socket = connect(catcher.port, '127.0.0.1');
    await new Promise((resolve) => socket.once('data', resolve)); // the 220 greeting
    socket.write('EHLO dying.example\r\nMAIL FROM:<x@dying.example>\r\n');
    await new Promise((resolve) => setTimeout(resolve, 50));
    socket.resetAndDestroy();
    await new Promise((resolve) => setTimeout(resolve, 100));
    await send('After the reset', ['d@shipper.example']);
    expect(catcher.messages.map((m) => m.subject)).toContain('After the reset');
  });
});
