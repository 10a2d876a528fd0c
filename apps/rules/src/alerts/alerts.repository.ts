import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { Scope, withinScope } from '@lib/auth';
import { ScopedRepository, Store, WITHOUT_OUTBOX } from '@lib/persistence';
import { inParallelBulks, OutboxRelay, runWithConcurrency } from '@lib/messaging';
import {
  acknowledgeAlertUpdate,
  alertRaisedEvent,
  alertResolution,
  resolveAlertUpdate,
  resolvedFields,
} from './alert-events';
import { AlertResolvedV1 } from '@lib/contracts';
import { Alert, AlertStatus, openKeyOf } from './alert.schema';
import { AlertResolution } from './alert-resolution.schema';

const UNRESOLVED: AlertStatus[] = ['open', 'acknowledged'];

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

/**
 * Alerts and their resolution records; callers' reads and writes are within their scope, the
 * evaluation runs as the service. An alert is resolved by appending its resolution record (with
 * alert.resolved.v1), then bringing the alert document in line (see AlertResolution).
 */
@Injectable()
export class AlertsRepository extends ScopedRepository<Alert> implements OnModuleDestroy {
  private readonly resolutions: Store<AlertResolution>;
  private readonly logger = new Logger(AlertsRepository.name);
  /** Resolutions recorded whose alert documents are not brought in line yet, by alert id. */
  private readonly unmended = new Map<string, { record: AlertResolution; openKey: string }>();
  private mending: Promise<void> | null = null;

  constructor(
    @InjectModel(Alert.name) model: Model<Alert>,
    @InjectModel(AlertResolution.name) resolutions: Model<AlertResolution>,
    relay: OutboxRelay,
  ) {
    super(model, { relay });
    this.resolutions = Store.of(resolutions, { relay, insertOnly: true });
  }

  /**
   * The alerts among these that have no resolution record. Those that have one (the process died
   * between the record and the document) are left out, and their documents mended (one query by
   * _id, one bulk write when any).
   */
  private async withoutResolved(alerts: Alert[]): Promise<Alert[]> {
    if (alerts.length === 0) return alerts;
    const records = await this.resolutions
      .find({ _id: { $in: alerts.map((a) => a._id) } }, { projection: WITHOUT_OUTBOX })
      .toArray();
    if (records.length === 0) return alerts;
    await this.mend(records);
    const resolved = new Set(records.map((r) => r._id));
    return alerts.filter((a) => !resolved.has(a._id));
  }

  /**
   * The alert documents of recorded resolutions are brought in line behind the evaluation, many runs'
   * in one bulk write (the record is the truth meanwhile: see AlertResolution). `openKey` is the key
   * the alert holds until then.
   */
  private mendLater(items: Array<{ record: AlertResolution; openKey: string }>): void {
    for (const item of items) this.unmended.set(item.record._id, item);
    this.mending ??= this.mendPending().finally(() => (this.mending = null));
  }

  private async mendPending(): Promise<void> {
    for (let failures = 0; this.unmended.size > 0;) {
      try {
        await this.mendNow([...this.unmended.values()].slice(0, 500));
        failures = 0;
      } catch (e) {
        // the records stand; a read for evaluation mends them too (withoutResolved)
        if (++failures === 1)
          this.logger.warn(`alert documents not brought in line yet: ${(e as Error).message}`);
        await new Promise((r) => setTimeout(r, Math.min(5_000, 100 * 2 ** failures)));
      }
    }
  }

  /** Brings in line at once the alert documents that still hold these open keys (a run raises on them). */
  private async mendHolding(openKeys: Set<string>): Promise<void> {
    const holding = [...this.unmended.values()].filter((u) => openKeys.has(u.openKey));
    if (holding.length) await this.mendNow(holding);
  }

  /** Mends these pending documents now; they are no longer pending (unless recorded again meanwhile). */
  private async mendNow(items: Array<{ record: AlertResolution; openKey: string }>): Promise<void> {
    await this.mend(items.map((i) => i.record));
    for (const i of items) if (this.unmended.get(i.record._id) === i) this.unmended.delete(i.record._id);
  }

  /** On shutdown, what is pending is written (a crash leaves it to withoutResolved). */
  async onModuleDestroy(): Promise<void> {
    await this.mending?.catch(() => undefined);
    if (this.unmended.size) await this.mendNow([...this.unmended.values()]).catch(() => undefined);
  }

  /** Brings alert documents in line with their resolution records (one bulk write; resolved ones are left alone). */
  private async mend(records: AlertResolution[]): Promise<void> {
    const ops = records.map((r) => ({
      updateOne: {
        filter: { _id: r._id, status: { $ne: 'resolved' as const } },
        update: { $set: resolvedFields(r) },
      },
    }));
    await Promise.all(inParallelBulks(ops).map((bulk) => this.store.bulkWrite(bulk)));
  }

  /** Unresolved alerts by their open keys (`subject|rule|period`), keyed by open key (one equality query each). */
  async openByKeys(keys: string[]): Promise<Map<string, Alert>> {
    const found = new Map<string, Alert>();
    await runWithConcurrency([...new Set(keys)], 32, async (openKey) => {
      const doc = await this.store.findOne({ openKey }, { projection: WITHOUT_OUTBOX });
      if (doc) found.set(doc.openKey, doc);
    });
    const open = new Set((await this.withoutResolved([...found.values()])).map((a) => a._id));
    for (const [key, a] of found) if (!open.has(a._id)) found.delete(key);
    return found;
  }

  /** Unresolved alerts of these subjects for a rule and period, by subject id. */
  async openFor(subjectIds: string[], ruleId: string, period = ''): Promise<Map<string, Alert>> {
    const docs = await this.openByKeys(subjectIds.map((id) => openKeyOf(id, ruleId, period)));
    return new Map([...docs.values()].map((d) => [d.subjectId, d]));
  }

  /** Every unresolved alert of each subject, by subject id (one equality query per subject). */
  async unresolvedOf(subjectIds: string[]): Promise<Map<string, Alert[]>> {
    const found = new Map<string, Alert[]>();
    await runWithConcurrency([...new Set(subjectIds)], 32, async (subjectId) => {
      const docs = await this.store
        .find({ subjectId, status: { $ne: 'resolved' } }, { projection: WITHOUT_OUTBOX })
        .toArray();
      if (docs.length) found.set(subjectId, docs);
    });
    return this.grouped(await this.withoutResolved([...found.values()].flat()));
  }

  private grouped(alerts: Alert[]): Map<string, Alert[]> {
    const found = new Map<string, Alert[]>();
    for (const a of alerts) {
      const list = found.get(a.subjectId) ?? [];
      list.push(a);
      found.set(a.subjectId, list);
    }
    return found;
  }

  /** Every unresolved alert of the subjects `keep` accepts, by subject id (on partition assignment). */
  async unresolvedWhere(keep: (subjectId: string) => boolean): Promise<Map<string, Alert[]>> {
    const kept: Alert[] = [];
    for (const status of UNRESOLVED) {
      for await (const a of this.store.find({ status }, { projection: WITHOUT_OUTBOX, batchSize: 2_000 }))
        if (keep(a.subjectId)) kept.push(a);
    }
    return this.grouped(await this.withoutResolved(kept));
  }

  /**
   * Raises alerts (with alert.raised.v1 in the same write, one unordered insert) and resolves others
   * (single updates side by side, first). An alert raised and resolved by the same run is inserted resolved, with
   * both its events (no update, and its open key is free for the run's next alert). An alert whose
   * id or open key exists already (a redelivery, another writer) is refused, not doubled. Returns
   * the subjects to read again (an alert refused for another's open key, one resolved meanwhile) and
   * the alerts found written and resolved already (a redelivery of their raise).
   */
  async apply(
    raise: Alert[],
    resolve: Alert[],
    resolution: 'auto' | 'manual',
  ): Promise<{ reread: Set<string>; resolvedBefore: Set<string> }> {
    const now = new Date();
    const raising = new Set(raise.map((a) => a._id));
    const resolving = new Set(resolve.map((a) => a._id));
    const closed = new Map<string, AlertResolvedV1>();
    const inserts = raise.map((a) => {
      if (!resolving.has(a._id)) return a;
      const { update, event } = resolveAlertUpdate(a, resolution, now);
      closed.set(a._id, event);
      return { ...a, ...(update.$set as Partial<Alert>) };
    });
    // resolves first: an alert resolved by the run frees its open key for the one the run raises
    // after it (inserted first, that one was refused for the key and its subject read again)
    const reread = await this.resolve(
      resolve.filter((a) => !raising.has(a._id)),
      resolution,
    );
    await this.mendHolding(new Set(inserts.map((a) => a.openKey)));
    const { duplicates } = await this.store.insertManyNew(inserts, (a) => [
      alertRaisedEvent(a),
      ...(closed.has(a._id) ? [closed.get(a._id)!] : []),
    ]);
    const resolvedBefore = new Set<string>();
    await runWithConcurrency(duplicates, 8, async (i) => {
      // refused: the same alert written before (a redelivery: done) or another holding the open key
      const stored = await this.store.findOne({ _id: inserts[i]._id }, { projection: { status: 1 } });
      if (!stored) reread.add(inserts[i].subjectId);
      else if (stored.status === 'resolved') resolvedBefore.add(stored._id);
    });
    return { reread, resolvedBefore };
  }

  /**
   * Resolves unresolved alerts: their resolution records, each with alert.resolved.v1, in one
   * unordered insert (and the journal's two statements) however many; the alert documents are brought
   * in line behind it (mendLater), at once for an open key a run raises on again (apply). An alert
   * that has a record already (resolved elsewhere meanwhile, or by this very write before a crash)
   * is not told again; its document is mended from the record that stands. Returns the subjects of
   * the alerts found resolved already (the caller re-reads them).
   */
  async resolve(alerts: Alert[], resolution: 'auto' | 'manual', note?: string): Promise<Set<string>> {
    if (alerts.length === 0) return new Set();
    const made = alerts.map((a) => alertResolution(a, resolution, new Date(), note));
    const events = new Map(made.map((m) => [m.record._id, m.event]));
    const { duplicates } = await this.resolutions.insertManyNew(
      made.map((m) => m.record),
      (r) => [events.get(r._id)!],
    );
    const standing = new Map(made.map((m) => [m.record._id, m.record]));
    const resolvedElsewhere = new Set<string>();
    if (duplicates.length) {
      const ids = duplicates.map((i) => made[i].record._id);
      const stored = await this.resolutions
        .find({ _id: { $in: ids } }, { projection: WITHOUT_OUTBOX })
        .toArray();
      for (const r of stored) standing.set(r._id, r);
      for (const i of duplicates) resolvedElsewhere.add(made[i].record.subjectId);
    }
    const keyOf = new Map(alerts.map((a) => [a._id, a.openKey]));
    this.mendLater([...standing.values()].map((record) => ({ record, openKey: keyOf.get(record._id)! })));
    return resolvedElsewhere;
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
    if (await this.resolutions.findOne({ _id: id }, { projection: { _id: 1 } })) return 'not-open'; // resolved, the document not yet in line
    // updateOne + read rather than findOneAndUpdate: FerretDB 1.24 refuses findAndModify with the
    // projection mongoose adds for the outbox's select:false fields
    const { update, event } = acknowledgeAlertUpdate(doc, by, new Date(), note);
    const { modifiedCount } = await this.store.updateOne({ _id: id, status: 'open' }, update, {
      events: [event],
    });
    if (modifiedCount !== 1) return 'not-open';
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
    const { record, event } = alertResolution(doc, 'manual', new Date(), note, by);
    if (!(await this.resolutions.insertNew(record, [event]))) {
      // resolved a moment ago (by the evaluation or another person): that record stands
      const standing = await this.resolutions.findOne({ _id: id }, { projection: WITHOUT_OUTBOX });
      if (standing) await this.mend([standing]);
      return 'resolved';
    }
    await this.mend([record]);
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
    const groups = await this.store
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
