import { createHash, createHmac } from 'node:crypto';
import { ChannelResult, OutgoingNotification } from './channel';

/**
 * SMS through an HTTP gateway: a template id and its parameters (carriers only send approved
 * templates), signed with HMAC-SHA256 over timestamp and body digest.
 */
export class SmsGatewayChannel {
  readonly name = 'sms';
  constructor(
    private readonly timeoutMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  async send(
    target: { url: string; appKey: string; secret: string; templateId: string; phone: string },
    n: OutgoingNotification,
  ): Promise<ChannelResult> {
    const body = JSON.stringify({
      appKey: target.appKey,
      phone: target.phone,
      templateId: target.templateId,
      params: { title: n.title, village: n.villageCode, alertId: n.alertId },
      requestId: n.deliveryId,
    });
    const timestamp = String(this.now());
    const digest = createHash('sha256').update(body).digest('hex');
    const signature = createHmac('sha256', target.secret).update(`${timestamp}\n${digest}`).digest('hex');
    try {
      const res = await fetch(target.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-timestamp': timestamp, 'x-signature': signature },
        body,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      const reply = (await res.json().catch(() => null)) as {
        code?: string | number;
        message?: string;
      } | null;
      const ok = res.ok && (reply?.code === 0 || reply?.code === 'OK' || reply?.code === '0');
      return ok
        ? { ok: true, status: res.status }
        : {
            ok: false,
            status: res.status,
            error: `SMS gateway: ${reply?.code ?? res.status} ${reply?.message ?? ''}`.trim(),
          };
    } catch (e) {
      return { ok: false, error: (e as Error).message };
    }
  }
}
