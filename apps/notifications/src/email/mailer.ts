import { createTransport, type Transporter } from 'nodemailer';

export interface MailerOptions {
  host: string;
  port: number;
  secure: boolean;
  user?: string;
  password?: string;
  from: string;
}

export interface Mail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Stable across retries, so a mail client shows a retried message once. */
  messageId?: string;
  headers?: Record<string, string>;
}

/** Email over SMTP (nodemailer, pooled connections). A rejected or unreachable server throws; delivery retries. */
export class Mailer {
  private readonly transport: Transporter;

  constructor(private readonly options: MailerOptions) {
    this.transport = createTransport({
      pool: true,
      host: options.host,
      port: options.port,
      secure: options.secure,
      auth: options.user ? { user: options.user, pass: options.password } : undefined,
      connectionTimeout: 5_000,
      greetingTimeout: 5_000,
      socketTimeout: 10_000,
    });
  }

  async send(mail: Mail): Promise<{ messageId: string }> {
    const info = await this.transport.sendMail({
      from: this.options.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      messageId: mail.messageId,
      headers: mail.headers,
    });
    return { messageId: info.messageId };
  }

  close(): void {
    this.transport.close();
  }
}
