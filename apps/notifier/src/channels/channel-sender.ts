import { inSpan, SpanKind } from '@lib/messaging';
import { ChannelTarget } from './channel-target';
import { ChannelResult, OutgoingNotification } from './channel';
import { EmailChannel } from './email.channel';
import { DingTalkRobotChannel, WeComRobotChannel } from './robot.channels';
import { SmsGatewayChannel } from './sms.channel';
import { WebhookChannel } from './webhook.channel';

/** Every channel adapter behind one call: the worker sends to a target without knowing its kind. */
export class ChannelSender {
  private readonly dingtalk: DingTalkRobotChannel;
  private readonly wecom: WeComRobotChannel;
  private readonly sms: SmsGatewayChannel;
  private readonly email: EmailChannel;
  private readonly webhook: WebhookChannel;

  constructor(timeoutMs: number, defaultWebhookSecret = '') {
    this.dingtalk = new DingTalkRobotChannel(timeoutMs);
    this.wecom = new WeComRobotChannel(timeoutMs);
    this.sms = new SmsGatewayChannel(timeoutMs);
    this.email = new EmailChannel(timeoutMs);
    this.webhook = new WebhookChannel(defaultWebhookSecret, timeoutMs);
  }

  /** `recipient` picks one phone of an SMS channel; the other kinds have one recipient each. */
  /** One channel call in a client span (the webhook carries its trace context in `traceparent`). */
  send(target: ChannelTarget, recipient: string, n: OutgoingNotification): Promise<ChannelResult> {
    return traced(target.kind, n, () => this.sendTo(target, recipient, n));
  }

  private sendTo(target: ChannelTarget, recipient: string, n: OutgoingNotification): Promise<ChannelResult> {
    switch (target.kind) {
      case 'dingtalk-robot':
        return this.dingtalk.send(target, n);
      case 'wecom-robot':
        return this.wecom.send(target, n);
      case 'sms':
        return this.sms.send({ ...target, phone: recipient }, n);
      case 'email':
        return this.email.send(target, n);
      case 'webhook':
        return this.webhook.send(target.url, n, target.secret);
    }
  }

  /** The legacy default: the configured webhook (NOTIFIER_WEBHOOK_URL) when a unit has no channels. */
  sendDefaultWebhook(url: string, n: OutgoingNotification): Promise<ChannelResult> {
    return traced('webhook', n, () => this.webhook.send(url, n));
  }

  close() {
    this.email.close();
  }
}

export const isRobot = (kind: string) => kind === 'dingtalk-robot' || kind === 'wecom-robot';

function traced(
  kind: string,
  n: OutgoingNotification,
  call: () => Promise<ChannelResult>,
): Promise<ChannelResult> {
  return inSpan(
    `${kind} send`,
    { kind: SpanKind.CLIENT, attributes: { 'notifier.channel': kind, 'notifier.delivery_id': n.deliveryId } },
    async (span) => {
      const result = await call();
      span.setAttribute('notifier.outcome', result.ok ? 'ok' : 'error');
      if (result.status) span.setAttribute('http.response.status_code', result.status);
      return result;
    },
  );
}
