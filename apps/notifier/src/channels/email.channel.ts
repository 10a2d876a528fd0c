import * as nodemailer from 'nodemailer';
import { ChannelResult, OutgoingNotification } from './channel';
import { alertMarkdown } from './domain/robot-messages';

/** Email over SMTP (nodemailer: the well-kept SMTP client for Node). */
export class EmailChannel {
  readonly name = 'email';
  private readonly transports = new Map<string, nodemailer.Transporter>();

  constructor(private readonly timeoutMs: number) {}

  private transport(smtpUrl: string): nodemailer.Transporter {
    let t = this.transports.get(smtpUrl);
    if (!t) {
      t = nodemailer.createTransport({
        url: smtpUrl,
        connectionTimeout: this.timeoutMs,
        socketTimeout: this.timeoutMs,
      });
      this.transports.set(smtpUrl, t);
    }
    return t;
  }

  async send(
    target: { smtpUrl: string; from: string; to: string[] },
    n: OutgoingNotification,
  ): Promise<ChannelResult> {
    const { title, text } = alertMarkdown(n);
    try {
      await this.transport(target.smtpUrl).sendMail({
        from: target.from,
        to: target.to,
        subject: title,
        text,
        headers: { 'X-Alert-Id': n.alertId, 'X-Delivery-Id': n.deliveryId },
        messageId: `<${n.deliveryId}@fangfanpin>`,
      });
      return { ok: true };
    } catch (e) {
      return { ok: false, error: (e as Error).message };
    }
  }

  close() {
    for (const t of this.transports.values()) t.close();
  }
}
