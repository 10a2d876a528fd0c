import { createHmac } from 'node:crypto';
import { injectTraceHeaders } from '@lib/messaging';
import { Channel, ChannelResult, OutgoingNotification } from './channel';

/**
 * Generic signed webhook: POST JSON. `Idempotency-Key` is the delivery id, so a receiver can drop
 * the rare repeat (a worker that died after the POST and before recording it).
 */
export class WebhookChannel implements Channel {
  readonly name = 'webhook';

  constructor(
    private readonly secret: string,
    private readonly timeoutMs: number,
  ) {}

  async send(url: string, n: OutgoingNotification, secret = this.secret): Promise<ChannelResult> {
    const body = JSON.stringify({
      msgtype: 'alert',
      deliveryId: n.deliveryId,
      alertId: n.alertId,
      severity: n.severity,
      title: n.title,
      text: n.message,
      townCode: n.townCode,
      villageCode: n.villageCode,
      subjectId: n.subjectId,
      ...(n.escalationLevel ? { escalationLevel: n.escalationLevel } : {}),
    });
    const timestamp = String(Date.now());
    const headers: Record<string, string> = {
      'content-type': 'application/json; charset=utf-8',
      'idempotency-key': n.deliveryId,
      'x-timestamp': timestamp,
    };
    injectTraceHeaders(headers); // W3C trace context: the receiver can continue the trace
    if (secret)
      headers['x-signature'] = createHmac('sha256', secret).update(`${timestamp}\n${body}`).digest('base64');
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers,
        body,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      await res.arrayBuffer().catch(() => undefined);
      return res.ok
        ? { ok: true, status: res.status }
        : { ok: false, status: res.status, error: `HTTP ${res.status}` };
    } catch (e) {
      return { ok: false, error: (e as Error).message };
    }
  }
}
