import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Scope } from '@lib/auth';
import { ChannelSender } from '../../channels/channel-sender';
import { NotifierConfig } from '../../config';
import { NOTIFIER_CONFIG } from '../../notifier.tokens';
import { ChannelConfigsStore } from '../channel-configs.store';
import { ChannelTarget } from '../channel-target';
import { testNotification } from '../domain/channel-record';
import { SecretBox } from '../domain/secret-box';

export interface ChannelTestResult {
  channelId: string;
  ok: boolean;
  status: number | null;
  error: string | null;
  latencyMs: number;
  at: Date;
}

/**
 * 发送测试消息: one test message through the channel now (an SMS channel: to its first phone), and what the
 * receiver said. Not an alert: nothing is logged as a delivery.
 */
@Injectable()
export class TestChannel implements OnApplicationShutdown {
  private readonly sender: ChannelSender;

  constructor(
    private readonly channels: ChannelConfigsStore,
    private readonly box: SecretBox,
    @Inject(NOTIFIER_CONFIG) config: NotifierConfig,
  ) {
    this.sender = new ChannelSender(config.DELIVERY_TIMEOUT_MS, config.NOTIFIER_WEBHOOK_SECRET);
  }

  onApplicationShutdown() {
    this.sender.close();
  }

  /** Null when the scope has no channel of that id. */
  async run(scope: Scope, id: string): Promise<ChannelTestResult | null> {
    const doc = await this.channels.findById(scope, id);
    if (!doc) return null;
    const target = JSON.parse(this.box.open(doc.sealed)) as ChannelTarget;
    const started = Date.now();
    const message = testNotification(doc, randomUUID().replace(/-/g, ''), new Date(started));
    const result = await this.sender.send(target, doc.recipients[0] ?? '', message);
    return {
      channelId: id,
      ok: result.ok,
      status: result.status ?? null,
      error: result.ok ? null : (result.error ?? '发送失败 (send failed)'),
      latencyMs: Date.now() - started,
      at: new Date(started),
    };
  }
}
