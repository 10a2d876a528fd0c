import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { Scope, ScopedRepository } from '@lib/auth';
import { createEvent, NotificationDeliveredV1, NotificationFailedV1 } from '@lib/contracts';
import { OutboxRelay, outboxOnUpdate } from '@lib/messaging';
import { Delivery, DeliveryAttempt, DeliveryStatus } from './delivery.schema';

/** The delivery log; callers read it within their scope, the worker acts as the service. */
@Injectable()
export class DeliveriesRepository extends ScopedRepository<Delivery> implements OnModuleInit {
  constructor(
    @InjectModel(Delivery.name) model: Model<Delivery>,
    private readonly relay: OutboxRelay,
  ) {
    super(model);
  }

  async onModuleInit() {
    this.relay.register(this.model.collection);
    await this.backfillCountyCodes();
  }

  /** Creates deliveries that do not exist yet (a redelivered alert creates nothing new). */
  async createMissing(deliveries: Delivery[]): Promise<void> {
    if (deliveries.length === 0) return;
    await this.model.collection.bulkWrite(
      deliveries.map((d) => ({
        updateOne: { filter: { _id: d._id } as never, update: { $setOnInsert: d }, upsert: true },
      })),
      { ordered: false },
    );
  }

  async recordAttempt(id: string, attempt: DeliveryAttempt): Promise<void> {
    await this.model.updateOne({ _id: id }, { $push: { attempts: attempt } });
  }

  /** Final outcome with its notifier event, in one write; only a pending delivery can finish. */
  async finish(
    d: Delivery,
    status: Exclude<DeliveryStatus, 'pending'>,
    attempt: DeliveryAttempt,
  ): Promise<void> {
    const attempts = (d.attempts ?? []).length + 1;
    const common = {
      deliveryId: d._id,
      alertId: d.alertId,
      channel: d.channel,
      recipient: d.recipient,
      attempts,
      at: attempt.at.toISOString(),
    };
    const event =
      status === 'delivered'
        ? createEvent({
            type: NotificationDeliveredV1.type,
            source: 'notifier',
            subject: d.subjectId,
            townId: d.townCode,
            villageId: d.villageCode,
            id: `delivered-${d._id}`,
            data: { ...common, latencyMs: attempt.latencyMs },
          })
        : createEvent({
            type: NotificationFailedV1.type,
            source: 'notifier',
            subject: d.subjectId,
            townId: d.townCode,
            villageId: d.villageCode,
            id: `failed-${d._id}`,
            data: { ...common, error: attempt.error ?? 'unknown error' },
          });
    const outbox = outboxOnUpdate([event]);
    await this.model.collection.updateOne(
      { _id: d._id, status: 'pending' } as never,
      {
        $set: { status, finishedAt: attempt.at, ...outbox.$set },
        $push: { attempts: attempt, ...outbox.$push },
      } as never,
    );
    this.relay.kick();
  }

  list(
    scope: Scope,
    filter: { alertId?: string; status?: DeliveryStatus; townCode?: string },
    page: number,
    pageSize: number,
  ) {
    return this.page(scope, filter, { createdAt: -1 }, page, pageSize);
  }
}
