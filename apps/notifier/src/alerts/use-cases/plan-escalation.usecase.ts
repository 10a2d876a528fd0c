import { Inject, Injectable, Logger } from '@nestjs/common';
import { ChannelDirectory } from '../../channel-configs/channel-directory';
import { NotifierConfig } from '../../config';
import { Delivery } from '../../deliveries/deliveries.schema';
import { deliveryIdOf, PlanDeliveries } from '../../deliveries/use-cases/plan-deliveries.usecase';
import { selectEscalationChannels } from '../../deliveries/domain/select-channels';
import { NOTIFIER_CONFIG } from '../../notifier.tokens';
import type { AlertState } from '../alerts.schema';
import { EscalationTarget, escalationMessage } from '../domain/escalation-policy';

/** Escalation planning (升级提醒): who gets a still-open alert again at each level. */
@Injectable()
export class PlanEscalation {
  private readonly logger = new Logger(PlanEscalation.name);

  constructor(
    @Inject(NOTIFIER_CONFIG) private readonly config: NotifierConfig,
    private readonly channels: ChannelDirectory,
    private readonly deliveries: PlanDeliveries,
  ) {}

  /**
   * One escalation level of a still-open alert: the channels of the town (level 1) or the county
   * (level 2 and repeats) — else the default webhook — get it again marked 【升级提醒】. The ids hold
   * the level, so each level goes out once however often it is planned. Returns how many deliveries.
   */
  async forLevel(a: AlertState, target: EscalationTarget): Promise<number> {
    if (!a.villageCode || !a.townCode || !a.countyCode) return 0;
    const text = escalationMessage(
      { title: a.title ?? '预警', message: a.message ?? '' },
      target,
      a.escalateAfterMinutes,
    );
    const common = {
      alertId: a._id,
      subjectId: a.subjectId ?? '',
      countyCode: a.countyCode,
      townCode: a.townCode,
      villageCode: a.villageCode,
      severity: a.severity ?? 'medium',
      ...text,
      status: 'pending' as const,
      attempts: [],
      createdAt: new Date(),
      finishedAt: null,
      digestId: null,
      kind: 'escalation' as const,
      escalationLevel: target.level,
      escalatedTo: target.orgLevel,
    };
    const candidates = await this.channels.candidatesFor(a.villageCode);
    const selected = selectEscalationChannels(a, target.unit, candidates);
    const planned: Delivery[] = selected.flatMap((c) =>
      c.recipients.map((recipient) => ({
        ...common,
        _id: deliveryIdOf(a._id, `${c._id}#L${target.level}`, recipient),
        channel: c.kind,
        channelId: c._id,
        target: c._id,
        recipient,
      })),
    );
    if (planned.length === 0 && this.config.NOTIFIER_WEBHOOK_URL) {
      const recipient = `${target.orgLevel}-duty:${target.unit}`;
      planned.push({
        ...common,
        _id: deliveryIdOf(a._id, `webhook#L${target.level}`, recipient),
        channel: 'webhook',
        channelId: null,
        target: this.config.NOTIFIER_WEBHOOK_URL,
        recipient,
      });
    }
    if (planned.length === 0) {
      this.logger.warn(
        `no channel configured for ${target.orgLevel} ${target.unit}; escalation of ${a._id} is not sent`,
      );
      return 0;
    }
    await this.deliveries.deliver(planned);
    return planned.length;
  }
}
