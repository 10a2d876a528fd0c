import { findEach } from '@lib/service-kit';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { Scope, withinScope } from '@lib/auth';
import { ScopedRepository } from '@lib/persistence';
import { OutboxRelay, outboxOnInsert } from '@lib/messaging';
import { acknowledgeAlertUpdate, alertRaisedEvent, resolveAlertUpdate } from './alert-events';
import { Alert, AlertStatus, openKeyOf } from './alert.schema';

const isDuplicateKeyOnly = (e: unknown) => {
  const err = e as { code?: number; writeErrors?: Array<{ code?: number; err?: { code?: number } }> };
  if (err.code === 11000 && !err.writeErrors) return true;
  return Array.isArray(err.writeErrors) && err.writeErrors.every((w) => (w.code ?? w.err?.code) === 11000);
};

export interface AlertFilter {
  status?: AlertStatus;
  severity?: Alert['severity'];
  subjectId?: string;
  townCode?: string;
  villageCode?: string;
  ruleId?: string;
  period?: string;
}

export type OrgLevel = 'county' | 'town' | 'village';

export interface AlertCountRow {
  unit: string;
  high: number;
  medium: number;
  low: number;
  total: number;
}

/** Alerts; callers' reads and writes are within their scope, the evaluation runs as the service. */
@Injectable()
export class AlertsRepository extends ScopedRepository<Alert> implements OnModuleInit {
  constructor(
    @InjectModel(Alert.name) model: Model<Alert>,
    private readonly relay: OutboxRelay,
  ) {
    super(model);
  }

  onModuleInit() {
    this.relay.register(this.model.collection);
  }

  /** Unresolved alerts by their open keys (`subject|rule|period`), keyed by open key. */
  async openByKeys(keys: string[]): Promise<Map<string, Alert>> {
    const docs = await findEach(this.model, 'openKey', [...new Set(keys)]);
    return new Map(docs.map((d) => [d.openKey, d]));
  }

  /** Unresolved alerts of these subjects for a rule and period, by subject id. */
  async openFor(subjectIds: string[], ruleId: string, period = ''): Promise<Map<string, Alert>> {
    const docs = await this.openByKeys(subjectIds.map((id) => openKeyOf(id, ruleId, period)));
    return new Map([...docs.values()].map((d) => [d.subjectId, d]));
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

  /** Resolves unresolved alerts (with alert.resolved.v1 in the same write); resolved ones are left alone. */
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

  list(scope: Scope, filter: AlertFilter, page: number, pageSize: number) {
    return this.page(scope, { ...filter }, { raisedAt: -1, _id: 1 }, page, pageSize);
  }

  /**
   * 确认 (acknowledge) an open alert in the scope, with alert.acknowledged.v1 in the same write.
   * 'missing' when it does not exist or lies outside the scope, 'not-open' when it is acknowledged
   * or resolved already.
   */
  async acknowledge(
    scope: Scope,
    id: string,
    by: string,
    note?: string,
  ): Promise<Alert | 'missing' | 'not-open'> {
    const doc = await this.findById(scope, id);
    if (!doc) return 'missing';
    if (doc.status !== 'open') return 'not-open';
    // updateOne + read rather than findOneAndUpdate: FerretDB 1.24 refuses findAndModify with the
    // projection mongoose adds for the outbox's select:false fields
    const { modifiedCount } = await this.model.collection.updateOne(
      { _id: id, status: 'open' } as never,
      acknowledgeAlertUpdate(doc, by, new Date(), note) as never,
    );
    if (modifiedCount !== 1) return 'not-open';
    this.relay.kick();
    return (await this.findById(scope, id)) ?? 'missing';
  }

  /**
   * 解除 (resolve) an open or acknowledged alert by a person, with a note and alert.resolved.v1
   * (manual) in the same write. 'missing' as for acknowledge, 'resolved' when it was already.
   */
  async resolveManually(
    scope: Scope,
    id: string,
    by: string,
    note: string,
  ): Promise<Alert | 'missing' | 'resolved'> {
    const doc = await this.findById(scope, id);
    if (!doc) return 'missing';
    if (doc.status === 'resolved') return 'resolved';
    const { modifiedCount } = await this.model.collection.updateOne(
      { _id: id, status: { $ne: 'resolved' } } as never,
      resolveAlertUpdate(doc, 'manual', new Date(), note, by) as never,
    );
    if (modifiedCount !== 1) return 'resolved';
    this.relay.kick();
    return (await this.findById(scope, id)) ?? 'missing';
  }

  /**
   * Alert counts per org unit and severity for dashboards, within the scope: one $group over the
   * alerts (FerretDB-safe: $match and $group with $sum). Unresolved alerts unless a status is given.
   */
  async counts(
    scope: Scope,
    by: OrgLevel,
    filter: { status?: AlertStatus; ruleId?: string },
  ): Promise<{ items: AlertCountRow[]; totals: Omit<AlertCountRow, 'unit'> }> {
    const match = withinScope(scope, {
      ...(filter.status ? { status: filter.status } : { status: { $ne: 'resolved' } }),
      ...(filter.ruleId ? { ruleId: filter.ruleId } : {}),
    });
    const groups = await this.model.collection
      .aggregate<{ _id: { unit: string; severity: Alert['severity'] }; n: number }>([
        { $match: match },
        { $group: { _id: { unit: `$${by}Code`, severity: '$severity' }, n: { $sum: 1 } } },
      ])
      .toArray();
    const rows = new Map<string, AlertCountRow>();
    const totals = { high: 0, medium: 0, low: 0, total: 0 };
    for (const g of groups) {
      const row = rows.get(g._id.unit) ?? { unit: g._id.unit, high: 0, medium: 0, low: 0, total: 0 };
      row[g._id.severity] += g.n;
      row.total += g.n;
      totals[g._id.severity] += g.n;
      totals.total += g.n;
      rows.set(g._id.unit, row);
    }
    return { items: [...rows.values()].sort((a, b) => a.unit.localeCompare(b.unit)), totals };
  }
}
