import { createHash, createHmac } from 'node:crypto';
import * as http from 'node:http';
import { AddressInfo } from 'node:net';

export interface ReceivedSms {
  at: number;
  phone: string;
  templateId: string;
  params: Record<string, string>;
  requestId: string;
}

/**
 * A local SMS gateway (the protocol the notifier and the requests app send with): checks the
 * HMAC-SHA256 signature over timestamp and body digest and the app key, keeps every accepted SMS.
 */
export class SmsSink {
  readonly accepted: ReceivedSms[] = [];
  readonly rejected: string[] = [];
  private server: http.Server | null = null;
  url = '';

  constructor(
    readonly appKey = 'test-sms-app',
    readonly secret = 'test-sms-secret',
  ) {}

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const digest = createHash('sha256').update(body).digest('hex');
        const expected = createHmac('sha256', this.secret)
          .update(`${String(req.headers['x-timestamp'])}\n${digest}`)
          .digest('hex');
        res.writeHead(200, { 'content-type': 'application/json' });
        let msg: {
          appKey?: string;
          phone?: string;
          templateId?: string;
          params?: Record<string, string>;
          requestId?: string;
        } = {};
        try {
          msg = JSON.parse(body) as typeof msg;
        } catch {
          /* refused below */
        }
        if (req.headers['x-signature'] !== expected || msg.appKey !== this.appKey || !msg.phone) {
          this.rejected.push(body);
          res.end(JSON.stringify({ code: 'SignatureDoesNotMatch', message: 'bad signature' }));
          return;
        }
        this.accepted.push({
          at: Date.now(),
          phone: msg.phone,
          templateId: msg.templateId ?? '',
          params: msg.params ?? {},
          requestId: msg.requestId ?? '',
        });
        res.end(JSON.stringify({ code: 'OK', message: 'OK' }));
      });
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/sms/send`;
    return this;
  }

  /** The SMS sent to a phone, oldest first. */
  to(phone: string): ReceivedSms[] {
    return this.accepted.filter((s) => s.phone === phone);
  }

  async stop(): Promise<void> {
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }
}
