import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { AlertRaisedV1, AlertResolvedV1, createEvent } from '@lib/contracts';
import { OutboxRelay, outboxOnInsert, outboxOnUpdate } from '@lib/messaging';
import { Alert, AlertStatus, openKeyOf } from './alert.schema';

const isDuplicateKeyOnly = (e: unknown) => {
  const err = e as { code?: number; writeErrors?: Array<{ code?: number; err?: { code?: number } }> };
  if (err.code === 11000 && !err.writeErrors) return true;
  return Array.isArray(err.writeErrors) && err.writeErrors.every((w) => (w.code ?? w.err?.code) === 11000);
};

function raisedEvent(a: Alert): AlertRaisedV1 {
  return createEvent({
    type: AlertRaisedV1.type,
    source: 'rules',
    subject: a.subjectId,
    townId: a.townCode,
    villageId: a.villageCode,
    id: `alert-raised-${a._id}`,
    time: a.raisedAt,
    data: {
      alertId: a._id,
      ruleId: a.ruleId,
      ruleVersion: a.ruleVersion,
      severity: a.severity,
      subjectType: a.subjectType,
      subjectId: a.subjectId,
      townCode: a.townCode,
      villageCode: a.villageCode,
      period: a.period,
      title: a.title,
      message: a.message,
      explanation: a.explanation as AlertRaisedV1['data']['explanation'],
      recipientRoles: a.recipientRoles,
      raisedAt: a.raisedAt.toISOString(),
    },
  });
}

@Injectable()
export class AlertsRepository implements OnModuleInit {
  constructor(
    @InjectModel(Alert.name) private readonly model: Model<Alert>,
    private readonly relay: OutboxRelay,
  ) {}

  onModuleInit() {
    this.relay.register(this.model.collection);
  }

  /** Open alerts of these subjects for a rule, by subject id. */
  async openFor(subjectIds: string[], ruleId: string): Promise<Map<string, Alert>> {
    const docs = await this.model
      .find({ openKey: { $in: subjectIds.map((id) => openKeyOf(id, ruleId)) } })
      .lean()
      .exec();
    return new Map(docs.map((d) => [d.subjectId, d]));
  }

  /**
   * Raises alerts with their alert.raised.v1 events in the same write. An alert whose id or
   * open key exists already (a redelivery, another instance) is skipped, not doubled.
   */
  async raise(alerts: Alert[]): Promise<void> {
    if (alerts.length === 0) return;
    try {
      await this.model.collection.insertMany(
        alerts.map((a) => ({ ...a, ...outboxOnInsert([raisedEvent(a)]) })) as never[],
        { ordered: false },
      );
    } catch (e) {
      if (!isDuplicateKeyOnly(e)) throw e;
    }
    this.relay.kick();
  }

  /** Resolves open alerts (with alert.resolved.v1 in the same write); already resolved ones are left alone. */
  async resolve(alerts: Alert[], resolution: 'auto' | 'manual', note?: string): Promise<void> {
    if (alerts.length === 0) return;
    const now = new Date();
    await this.model.collection.bulkWrite(
      alerts.map((a) => {
        const event = createEvent({
          type: AlertResolvedV1.type,
          source: 'rules',
          subject: a.subjectId,
          townId: a.townCode,
          villageId: a.villageCode,
          id: `alert-resolved-${a._id}`,
          time: now,
          data: {
            alertId: a._id,
            ruleId: a.ruleId,
            subjectId: a.subjectId,
            resolution,
            ...(note ? { note } : {}),
            resolvedAt: now.toISOString(),
          },
        });
        const outbox = outboxOnUpdate([event]);
        return {
          updateOne: {
            filter: { _id: a._id, status: { $ne: 'resolved' } } as never,
            update: {
              $set: {
                status: 'resolved',
                resolvedAt: now,
                resolution,
                openKey: `${openKeyOf(a.subjectId, a.ruleId)}|${a._id}`,
                ...outbox.$set,
              },
              $push: outbox.$push,
            } as never,
          },
        };
      }),
      { ordered: true },
    );
    this.relay.kick();
  }

  async list(
    filter: { status?: AlertStatus; subjectId?: string; townCode?: string; ruleId?: string },
    page: number,
    pageSize: number,
  ) {
    const query = Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined));
    const [items, total] = await Promise.all([
      this.model
        .find(query)
        .sort({ raisedAt: -1 })
        .skip((page - 1) * pageSize)
        .limit(pageSize)
        .lean()
        .exec(),
      this.model.countDocuments(query).exec(),
    ]);
    return { items, total, page, pageSize };
  }
}
