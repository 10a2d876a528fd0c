import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { randomUUID } from 'node:crypto';
import { Model } from 'mongoose';
import { Scope } from '@lib/auth';
import type { AnyBulkWriteOperation } from 'mongodb';
import { ScopedRepository, updateWithEvents } from '@lib/persistence';
import { createEvent, NotificationDeliveredV1, NotificationFailedV1 } from '@lib/contracts';
import { OutboxRelay } from '@lib/messaging';
import { Delivery, DeliveryAttempt, DeliveryKind, DeliveryStatus } from './deliveries.schema';

/** The delivery log; callers read it within their scope, the worker acts as the service. */
@Injectable()
export class DeliveriesStore extends ScopedRepository<Delivery> {
  constructor(@InjectModel(Delivery.name) model: Model<Delivery>, relay: OutboxRelay) {
    super(model, { relay });
  }

  /**
   * Creates deliveries that do not exist yet, a whole batch in one unordered insert (the ids are
   * deterministic: a redelivered alert's are refused as duplicates and kept as they are).
   */
  async createMissing(deliveries: Delivery[]): Promise<void> {
    await this.store.insertManyNew(deliveries);
  }

  async recordAttempt(id: string, attempt: DeliveryAttempt): Promise<void> {
    await this.model.updateOne({ _id: id }, { $push: { attempts: attempt } });
  }

  /** Final outcome with its notifier event, in one write; only a pending delivery can finish. */
  async finish(d: Delivery, status: Exclude<DeliveryStatus, 'pending'>, attempt: DeliveryAttempt) {
    await this.finishMany([d], status, attempt);
  }

  /** Finishes several deliveries (a robot digest) at once, each with its own event. */
  async finishMany(
    ds: Delivery[],
    status: Exclude<DeliveryStatus, 'pending'>,
    attempt: DeliveryAttempt,
  ): Promise<void> {
    if (ds.length === 0) return;
    await this.store.bulkWrite(
      ds.map((d) => finishUpdate(d, status, attempt)),
      { carriesEvents: true },
    );
  }

  async recordAttemptMany(ids: string[], attempt: DeliveryAttempt): Promise<void> {
    await this.model.updateMany({ _id: { $in: ids } }, { $push: { attempts: attempt } });
  }

  /**
   * The next digest for a robot: an unfinished one first (a send that failed or was cut short by
   * a crash is resent as is, under the same id), else the oldest pending deliveries claimed under a
   * new id, as many as `capacity` allows. Called under the robot's lock.
   */
  async nextDigest(
    channelId: string,
    capacity: (pending: Delivery[]) => number,
    scan = 200,
  ): Promise<{ digestId: string; items: Delivery[] } | null> {
    const open = await this.model
      .findOne({ channelId, status: 'pending', digestId: { $ne: null } })
      .sort({ createdAt: 1 })
      .lean<Delivery>()
      .exec();
    if (open?.digestId) return { digestId: open.digestId, items: await this.inDigest(open.digestId) };
    const pending = await this.model
      .find({ channelId, status: 'pending', digestId: null })
      .sort({ createdAt: 1, _id: 1 })
      .limit(scan)
      .lean<Delivery[]>()
      .exec();
    if (pending.length === 0) return null;
    const digestId = randomUUID().replace(/-/g, '');
    const ids = pending.slice(0, capacity(pending)).map((d) => d._id);
    await this.model.updateMany({ _id: { $in: ids }, digestId: null }, { $set: { digestId } }).exec();
    return { digestId, items: await this.inDigest(digestId) };
  }

  private inDigest(digestId: string) {
    return this.model
      .find({ digestId, status: 'pending' })
      .sort({ createdAt: 1, _id: 1 })
      .lean<Delivery[]>()
      .exec();
  }

  /** Counts per status and channel kind, within the scope (dashboards). */
  async counts(scope: Scope, filter: { townCode?: string }) {
    const rows = await this.model
      .aggregate<{ _id: { status: string; channel: string }; count: number }>([
        { $match: this.scoped(scope, filter) },
        { $group: { _id: { status: '$status', channel: '$channel' }, count: { $sum: 1 } } },
      ])
      .exec();
    return rows
      .map((r) => ({ status: r._id.status, channel: r._id.channel, count: r.count }))
      .sort((a, b) => a.channel.localeCompare(b.channel) || a.status.localeCompare(b.status));
  }

  /** Escalation deliveries (升级提醒) per level, org level and status, within the scope. */
  async escalationCounts(scope: Scope, filter: { townCode?: string }) {
    const rows = await this.model
      .aggregate<{ _id: { level: number; to: string; status: string }; count: number }>([
        { $match: this.scoped(scope, { ...filter, kind: 'escalation' }) },
        {
          $group: {
            _id: { level: '$escalationLevel', to: '$escalatedTo', status: '$status' },
            count: { $sum: 1 },
          },
        },
      ])
      .exec();
    return rows
      .map((r) => ({ level: r._id.level, escalatedTo: r._id.to, status: r._id.status, count: r.count }))
      .sort((a, b) => a.level - b.level || a.status.localeCompare(b.status));
  }

  list(
    scope: Scope,
    filter: {
      alertId?: string;
      status?: DeliveryStatus;
      channel?: string;
      recipient?: string;
      townCode?: string;
      kind?: DeliveryKind;
      escalationLevel?: number;
    },
    page: number,
    pageSize: number,
  ) {
    return this.page(scope, filter, { createdAt: -1 }, page, pageSize);
  }
}

function finishUpdate(
  d: Delivery,
  status: Exclude<DeliveryStatus, 'pending'>,
  attempt: DeliveryAttempt,
): AnyBulkWriteOperation<Delivery> {
  const attempts = (d.attempts ?? []).length + 1;
  const common = {
    deliveryId: d._id,
    alertId: d.alertId,
    channel: d.channel,
    recipient: d.recipient,
    attempts,
    at: attempt.at.toISOString(),
  };
  const envelope = {
    source: 'notifier',
    subject: d.subjectId,
    townId: d.townCode,
    villageId: d.villageCode,
  };
  const event =
    status === 'delivered'
      ? createEvent({
          ...envelope,
          type: NotificationDeliveredV1.type,
          id: `delivered-${d._id}`,
          data: { ...common, latencyMs: attempt.latencyMs },
        })
      : createEvent({
          ...envelope,
          type: NotificationFailedV1.type,
          id: `failed-${d._id}`,
          data: { ...common, error: attempt.error ?? 'unknown error' },
        });
  return {
    updateOne: {
      filter: { _id: d._id, status: 'pending' },
      update: updateWithEvents<Delivery>(
        { $set: { status, finishedAt: attempt.at }, $push: { attempts: attempt } },
        [event],
      ),
    },
  };
}
