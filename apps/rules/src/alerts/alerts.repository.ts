import { findEach } from '@lib/service-kit';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { Scope, ScopedRepository, withinScope } from '@lib/auth';
import { OutboxRelay, outboxOnInsert } from '@lib/messaging';
import { alertRaisedEvent, resolveAlertUpdate } from './alert-events';
import { Alert, AlertStatus, openKeyOf } from './alert.schema';

const isDuplicateKeyOnly = (e: unknown) => {
  const err = e as { code?: number; writeErrors?: Array<{ code?: number; err?: { code?: number } }> };
  if (err.code === 11000 && !err.writeErrors) return true;
  return Array.isArray(err.writeErrors) && err.writeErrors.every((w) => (w.code ?? w.err?.code) === 11000);
};

/** Alerts; callers' reads and writes are within their scope, the evaluation runs as the service. */
@Injectable()
export class AlertsRepository extends ScopedRepository<Alert> implements OnModuleInit {
  constructor(
    @InjectModel(Alert.name) model: Model<Alert>,
    private readonly relay: OutboxRelay,
  ) {
    super(model);
  }

  async onModuleInit() {
    this.relay.register(this.model.collection);
    await this.backfillCountyCodes();
  }

  /** Open alerts of these subjects for a rule, by subject id. */
  async openFor(subjectIds: string[], ruleId: string): Promise<Map<string, Alert>> {
    const docs = await findEach(
      this.model,
      'openKey',
      subjectIds.map((id) => openKeyOf(id, ruleId)),
    );
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
        alerts.map((a) => ({ ...a, ...outboxOnInsert([alertRaisedEvent(a)]) })) as never[],
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
      alerts.map((a) => ({
        updateOne: {
          filter: { _id: a._id, status: { $ne: 'resolved' } } as never,
          update: resolveAlertUpdate(a, resolution, now, note) as never,
        },
      })),
      { ordered: true },
    );
    this.relay.kick();
  }

  list(
    scope: Scope,
    filter: { status?: AlertStatus; subjectId?: string; townCode?: string; ruleId?: string },
    page: number,
    pageSize: number,
  ) {
    return this.page(scope, filter, { raisedAt: -1 }, page, pageSize);
  }

  /**
   * 确认 (acknowledge) an open alert in the scope. 'missing' when it does not exist or lies outside
   * the scope, 'not-open' when it exists but is acknowledged or resolved already.
   */
  async acknowledge(scope: Scope, id: string, by: string): Promise<Alert | 'missing' | 'not-open'> {
    // updateOne + read rather than findOneAndUpdate: FerretDB 1.24 refuses findAndModify with the
    // projection mongoose adds for the outbox's select:false fields
    const { modifiedCount } = await this.model.updateOne(withinScope(scope, { _id: id, status: 'open' }), {
      $set: { status: 'acknowledged', acknowledgedAt: new Date(), acknowledgedBy: by },
    });
    const doc = await this.findById(scope, id);
    if (!doc) return 'missing';
    return modifiedCount === 1 ? doc : 'not-open';
  }
}
