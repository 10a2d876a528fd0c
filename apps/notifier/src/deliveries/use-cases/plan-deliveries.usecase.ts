import { Inject, Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { AlertRaisedV1, orgUnitsOfVillage } from '@lib/contracts';
import { ChannelDirectory } from '../../channel-configs/channel-directory';
import { NotifierConfig } from '../../config';
import { ContactDirectory } from '../../contacts/contact-directory';
import { NOTIFIER_CONFIG } from '../../notifier.tokens';
import { FindPairedCadres } from '../../pairings/use-cases/find-paired-cadres.usecase';
import { DeliveriesStore } from '../deliveries.store';
import { Delivery } from '../deliveries.schema';
import { DeliveryQueue } from '../../queues/delivery-queue';
import { addressesCadres, planCadreDeliveries } from '../domain/plan-cadre-deliveries';
import { selectChannels } from '../domain/select-channels';

export function deliveryIdOf(alertId: string, channel: string, recipient: string): string {
  return createHash('sha256').update(`${alertId}|${channel}|${recipient}`).digest('hex').slice(0, 32);
}

/**
 * For a raised alert: who gets it through which channel — the village's, the town's and (high
 * severity) the county's configured channels, one delivery per recipient and channel; the default
 * webhook (NOTIFIER_WEBHOOK_URL) when none is configured. Deliveries are written before they are
 * queued, so a crash between the two is repaired by the redelivered alert (the same ids, nothing
 * sent twice).
 */
@Injectable()
export class PlanDeliveries {
  private readonly logger = new Logger(PlanDeliveries.name);

  constructor(
    @Inject(NOTIFIER_CONFIG) private readonly config: NotifierConfig,
    private readonly deliveries: DeliveriesStore,
    private readonly queue: DeliveryQueue,
    private readonly channels: ChannelDirectory,
    private readonly pairings: FindPairedCadres,
    private readonly contacts: ContactDirectory,
  ) {}

  /**
   * A batch of raised alerts planned at once: the candidate channels read once per village, every
   * delivery written in one unordered insert (a redelivered alert's are refused as duplicates),
   * the unreachable cadres' records finished in one bulk write, and every delivery queued in one call.
   */
  async forAlerts(events: AlertRaisedV1[]): Promise<void> {
    const villages = [...new Set(events.map((e) => e.data.villageCode))];
    const candidates = new Map(
      await Promise.all(villages.map(async (v) => [v, await this.channels.candidatesFor(v)] as const)),
    );
    const planned: Delivery[] = [];
    const unreachable: Array<{ delivery: Delivery; error: string }> = [];
    for (const e of events) {
      const plan = await this.planOne(e, candidates.get(e.data.villageCode) ?? []);
      planned.push(...plan.planned);
      unreachable.push(...plan.unreachable);
    }
    if (planned.length === 0 && unreachable.length === 0) return;
    await this.deliveries.createMissing([...planned, ...unreachable.map((u) => u.delivery)]);
    // a cadre who cannot be reached: the record says why (failed at once, nothing to retry)
    const at = new Date();
    for (const error of new Set(unreachable.map((u) => u.error)))
      await this.deliveries.finishMany(
        unreachable.filter((u) => u.error === error).map((u) => u.delivery),
        'failed',
        { at, ok: false, status: null, error, latencyMs: 0 },
      );
    await this.queue.enqueue(planned.map((d) => d._id));
  }

  private async planOne(
    e: AlertRaisedV1,
    candidates: Awaited<ReturnType<ChannelDirectory['candidatesFor']>>,
  ): Promise<{ planned: Delivery[]; unreachable: Array<{ delivery: Delivery; error: string }> }> {
    const a = e.data;
    const common = {
      alertId: a.alertId,
      subjectId: a.subjectId,
      countyCode: orgUnitsOfVillage(a.villageCode).countyCode,
      townCode: a.townCode,
      villageCode: a.villageCode,
      severity: a.severity,
      title: a.title,
      message: a.message,
      status: 'pending' as const,
      attempts: [],
      createdAt: new Date(),
      finishedAt: null,
      digestId: null,
      kind: 'alert' as const,
      escalationLevel: 0,
      escalatedTo: null,
    };
    const selected = selectChannels(a, candidates);
    const planned: Delivery[] = selected.flatMap((c) =>
      c.recipients.map((recipient) => ({
        ...common,
        _id: deliveryIdOf(a.alertId, c._id, recipient),
        channel: c.kind,
        channelId: c._id,
        target: c._id,
        recipient,
      })),
    );
    if (planned.length === 0 && this.config.NOTIFIER_WEBHOOK_URL) {
      const recipient = `town-duty:${a.townCode}`;
      planned.push({
        ...common,
        _id: deliveryIdOf(a.alertId, 'webhook', recipient),
        channel: 'webhook',
        channelId: null,
        target: this.config.NOTIFIER_WEBHOOK_URL,
        recipient,
      });
    }
    const { toSend, unreachable } = await this.forPairedCadres(e, common);
    planned.push(...toSend);
    if (planned.length === 0 && unreachable.length === 0)
      this.logger.warn(`no channel configured for village ${a.villageCode}; alert ${a.alertId} is not sent`);
    return { planned, unreachable };
  }

  /**
   * The household's paired cadres (帮扶责任人, from the pairing read model) when the alert is
   * addressed to them: one person delivery per cadre and channel of their contact (the same id
   * however often the alert comes), or a record of why a cadre is not reached.
   */
  private async forPairedCadres(
    e: AlertRaisedV1,
    common: Omit<Delivery, '_id' | 'channel' | 'channelId' | 'target' | 'recipient'>,
  ): Promise<{ toSend: Delivery[]; unreachable: Array<{ delivery: Delivery; error: string }> }> {
    const a = e.data;
    // people the alert names (a resident request's assignee, 承办人): reached like paired cadres
    if (a.recipientUsers?.length) return this.forPeople(a, common, a.recipientUsers, 'assignee');
    if (!addressesCadres(a)) return { toSend: [], unreachable: [] };
    const pairing = await this.pairings.of(a.subjectId);
    if (!pairing || pairing.cadres.length === 0) {
      this.logger.warn(`alert ${a.alertId}: no paired cadre known for household ${a.subjectId}`);
      return { toSend: [], unreachable: [] };
    }
    return this.forPeople(a, common, pairing.cadres, 'paired-cadre');
  }

  /** One person delivery per person and channel of their contact, or a record of why they are not reached. */
  private async forPeople(
    a: AlertRaisedV1['data'],
    common: Omit<Delivery, '_id' | 'channel' | 'channelId' | 'target' | 'recipient'>,
    people: Array<{ userId: string; name: string }>,
    recipientKind: 'paired-cadre' | 'assignee',
  ): Promise<{ toSend: Delivery[]; unreachable: Array<{ delivery: Delivery; error: string }> }> {
    const contacts = await this.contacts.ofUsers(people.map((c) => c.userId));
    const plans = planCadreDeliveries(people, (id) => contacts.get(id)?.channels, {
      sms: !!this.config.NOTIFIER_SMS_GATEWAY_URL,
      email: !!this.config.NOTIFIER_SMTP_URL,
    });
    const toSend: Delivery[] = [];
    const unreachable: Array<{ delivery: Delivery; error: string }> = [];
    for (const p of plans) {
      const delivery: Delivery = {
        ...common,
        _id: deliveryIdOf(a.alertId, `person:${p.channel}`, p.userId),
        channel: p.channel,
        channelId: null,
        target: `contact:${p.userId}`,
        recipient: `${recipientKind}:${p.userId}`,
        recipientName: p.name,
        contactId: p.userId,
      };
      if (p.error) unreachable.push({ delivery, error: p.error });
      else toSend.push(delivery);
    }
    return { toSend, unreachable };
  }

  /** Writes planned deliveries (those already written are kept as they are) and queues them. */
  async deliver(planned: Delivery[]): Promise<void> {
    await this.deliveries.createMissing(planned);
    await this.queue.enqueue(planned.map((d) => d._id));
  }
}
