import { createHash, createHmac } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { REQUESTS_CONFIG, RequestsConfig } from '../config';

/**
 * The verification SMS, through the SMS gateway the notifier uses (same protocol: an approved
 * template and its parameters, HMAC-SHA256 over timestamp and body digest).
 */
@Injectable()
export class SmsSender {
  constructor(@Inject(REQUESTS_CONFIG) private readonly config: RequestsConfig) {}

  get configured(): boolean {
    return !!this.config.REQUESTS_SMS_GATEWAY_URL;
  }

  /** true when the gateway accepted it. */
  async sendCode(phone: string, code: string, requestId: string): Promise<boolean> {
    const c = this.config;
    const body = JSON.stringify({
      appKey: c.REQUESTS_SMS_APP_KEY,
      phone,
      templateId: c.REQUESTS_SMS_TEMPLATE_ID,
      params: { code, minutes: String(Math.round(c.REQUESTS_SMS_CODE_TTL_SECONDS / 60)) },
      requestId,
    });
    const timestamp = String(Date.now());
    const digest = createHash('sha256').update(body).digest('hex');
    const signature = createHmac('sha256', c.REQUESTS_SMS_SECRET)
      .update(`${timestamp}\n${digest}`)
      .digest('hex');
    try {
      const res = await fetch(c.REQUESTS_SMS_GATEWAY_URL, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-timestamp': timestamp, 'x-signature': signature },
        body,
        signal: AbortSignal.timeout(c.REQUESTS_SMS_TIMEOUT_MS),
      });
      const reply = (await res.json().catch(() => null)) as { code?: string | number } | null;
      return res.ok && (reply?.code === 0 || reply?.code === 'OK' || reply?.code === '0');
    } catch {
      return false;
    }
  }
}
