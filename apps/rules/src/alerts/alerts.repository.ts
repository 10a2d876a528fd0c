import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { Scope, withinScope } from '@lib/auth';
import { Page, pageOf, ScopedRepository, SharedChunk, Store, WITHOUT_OUTBOX } from '@lib/persistence';
import { OutboxRelay, runWithConcurrency } from '@lib/messaging';
import { acknowledgeAlertUpdate, alertRaisedEvent, alertResolution } from './alert-events';
import { Alert, AlertStatus, loadedAlert, openKeyOf, storedAlert } from './alert.schema';
import { AlertResolution } from './alert-resolution.schema';

const UNRESOLVED: AlertStatus[] = ['open', 'acknowledged'];
/** How long resolved alerts gather before they leave `alerts` together (see removeLater). */
const GATHER_REMOVALS_MS = 200;
/** How long removal waits before asking again whether the relay has passed a raise (Store.deleteRelayed). */
const RELAY_WAIT_MS = 250;

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
 * Alerts: the unresolved ones in `alerts`, the resolved ones in `alert_resolutions` (see
 * AlertResolution); callers' reads and writes are within their scope, the evaluation runs as the
 * service. An alert is resolved by appending it, resolved, to alert_resolutions (with
 * alert.resolved.v1), then removing it from `alerts`.
 */
@Injectable()
export class AlertsRepository extends ScopedRepository<Alert> implements OnModuleDestroy {
  private readonly resolutions: Store<AlertResolution>;
  private readonly logger = new Logger(AlertsRepository.name);
  /** Alerts resolved (recorded) that have not left `alerts` yet: alert id → the open key it holds there. */
  private readonly unremoved = new Map<string, string>();
  private removing: Promise<void> | null = null;
  /**
   * Alerts this process raised and has not removed: their journal chunk was appended before the raise
   * returned (apply adds them after its append), so they may leave `alerts` without waiting for the relay
   * (the others: Store.deleteRelayed).
   */
  private readonly raisedHere = new Set<string>();
  /** Shutting down: what is still pending is tried once more, then left to withoutResolved. */
  private stopping = false;

  constructor(
    @InjectModel(Alert.name) model: Model<Alert>,
    @InjectModel(AlertResolution.name) private readonly resolutionModel: Model<AlertResolution>,
    relay: OutboxRelay,
  ) {
    super(model, { relay });
    this.resolutions = Store.of(resolutionModel, { relay, insertOnly: true });
  }

  /**
   * The alerts among these that have no resolution record. Those that have one (the process died
   * between the record and the removal) are left out, and removed from `alerts` (one query by _id,
   * one delete when any).
   */
  private async withoutResolved(alerts: Alert[]): Promise<Alert[]> {
    if (alerts.length === 0) return alerts;
    const records = await this.resolutions
      .find({ _id: { $in: alerts.map((a) => a._id) } }, { projection: { _id: 1 } })
      .toArray();
    if (records.length === 0) return alerts;
    const resolved = new Set(records.map((r) => r._id));
    for (const a of alerts) if (resolved.has(a._id)) this.unremoved.set(a._id, a.openKey);
    await this.removeNow([...resolved]);
    return alerts.filter((a) => !resolved.has(a._id));
  }

  /**
   * Resolved alerts leave `alerts` behind the evaluation, many runs' in one delete (the record is the
   * truth meanwhile: see AlertResolution).
   */
  private removeLater(items: Array<{ id: string; openKey: string }>): void {
    for (const { id, openKey } of items) this.unremoved.set(id, openKey);
    // a moment later, so that the runs of that moment leave in one delete (not one statement per run
    // competing with the evaluation's writes)
    this.removing ??= new Promise((r) => setTimeout(r, GATHER_REMOVALS_MS))
      .then(() => this.removePending())
      .finally(() => (this.removing = null));
  }

  private async removePending(): Promise<void> {
    for (let failures = 0; this.unremoved.size > 0 && !this.stopping;) {
      try {
        const batch = [...this.unremoved.keys()].slice(0, 1_000);
        const left = await this.removeNow(batch);
        failures = 0;
        // some wait for the relay to pass their raise (rare: raised by an instance that may have died)
        if (left.length) await new Promise((r) => setTimeout(r, RELAY_WAIT_MS));
      } catch (e) {
        // the records stand; a read for evaluation removes them too (withoutResolved)
        if (++failures === 1)
          this.logger.warn(`resolved alerts not removed from alerts yet: ${(e as Error).message}`);
        await new Promise((r) => setTimeout(r, Math.min(5_000, 100 * 2 ** failures)));
      }
    }
  }

  /**
   * Frees at once the open keys that resolved alerts still hold in `alerts` (a run raises on them): they
   * are removed, or — those whose raise the relay has not passed yet — give up the key and stay.
   */
  private async removeHolding(openKeys: Set<string>): Promise<void> {
    const holding = [...this.unremoved].filter(([, key]) => openKeys.has(key)).map(([id]) => id);
    const left = await this.removeNow(holding);
    if (left.length) await this.store.updateMany({ _id: { $in: left } }, { $unset: { openKey: '' } });
  }

  /**
   * Removes these resolved alerts (pending in `unremoved`) now, except those whose alert.raised.v1 the
   * relay has not passed yet: a writer that died before its journal chunk leaves the event in the
   * alert alone, for the relay to recover (Store.deleteRelayed). Those stay pending, at the back; answers
   * them.
   */
  private async removeNow(ids: string[]): Promise<string[]> {
    // raised by this process: their chunk was appended before the raise returned
    const own = ids.filter((id) => this.raisedHere.has(id));
    const others = ids.filter((id) => !this.raisedHere.has(id));
    const [, waiting] = await Promise.all([
      own.length ? this.store.deleteMany({ _id: { $in: own } }) : null,
      this.store.deleteRelayed(others),
    ]);
    const left = new Set(waiting);
    for (const id of own) this.raisedHere.delete(id);
    for (const id of ids) {
      const key = this.unremoved.get(id);
      this.unremoved.delete(id);
      if (left.has(id) && key !== undefined) this.unremoved.set(id, key);
    }
    if (left.size) this.removeLater([]);
    return [...left];
  }

  /** On shutdown, what is pending is removed (a crash leaves it to withoutResolved). */
  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    await this.removing?.catch(() => undefined);
    if (this.unremoved.size) await this.removeNow([...this.unremoved.keys()]).catch(() => undefined);
  }

  /** Unresolved alerts by their open keys (`subject|rule|period`), keyed by open key (one equality query each). */
  async openByKeys(keys: string[]): Promise<Map<string, Alert>> {
    const found = new Map<string, Alert>();
    await runWithConcurrency([...new Set(keys)], 32, async (openKey) => {
      const doc = await this.store.findOne({ openKey }, { projection: WITHOUT_OUTBOX });
      if (doc) found.set(doc.openKey, loadedAlert(doc));
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
      if (docs.length) found.set(subjectId, docs.map(loadedAlert));
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
        if (keep(a.subjectId)) kept.push(loadedAlert(a));
    }
    return this.grouped(await this.withoutResolved(kept));
  }

  /**
   * Raises alerts (with alert.raised.v1 in the same write, one unordered insert) and resolves others,
   * the two writes side by side (an alert raised on a key the run frees is written after). An alert
   * raised and resolved by the same run goes straight to alert_resolutions, with both its events (its
   * open key is free for the run's next alert). An alert whose id or open key exists already (a
   * redelivery, another writer) is refused, not doubled. Returns the subjects to read again (an alert
   * refused for another's open key, one resolved meanwhile) and the alerts found written and resolved
   * already (a redelivery of their raise).
   */
  async apply(
    raise: Alert[],
    resolve: Alert[],
    resolution: 'auto' | 'manual',
  ): Promise<{ reread: Set<string>; resolvedBefore: Set<string> }> {
    const now = new Date();
    const raising = new Set(raise.map((a) => a._id));
    const resolving = new Set(resolve.map((a) => a._id));
    const resolved = resolve.filter((a) => !raising.has(a._id));
    const closed = raise.filter((a) => resolving.has(a._id));
    // an alert raised on a key that an alert resolved by the run holds waits for that resolution
    // (recorded, the holder removed: the key is free); the others are written beside it
    const freedKeys = new Set(resolved.map((a) => a.openKey));
    const opened = raise.filter((a) => !resolving.has(a._id));
    // the run's events go to Kafka under one journal chunk: one reservation, one append after the writes
    const shared = this.store.sharedChunk();
    let recorded, beside, after;
    try {
      [recorded, beside] = await settledAll([
        // the resolutions, in one insert with the alerts raised and resolved by the run
        this.recordResolved(resolved, resolution, now, undefined, closed, shared),
        this.raiseOpen(
          opened.filter((a) => !freedKeys.has(a.openKey)),
          shared,
        ),
      ] as const);
      after = await this.raiseOpen(
        opened.filter((a) => freedKeys.has(a.openKey)),
        shared,
      );
    } finally {
      // what was written goes out even when a later step failed (a chunk reserved and never appended
      // holds the relay back for its grace); nothing when an insert itself failed (SharedChunk.fail)
      await shared?.append();
    }
    // their chunk is appended now: they may leave `alerts` without waiting for the relay (removeNow)
    for (const id of [...beside.raised, ...after.raised]) this.raisedHere.add(id);
    return {
      reread: new Set([...recorded.elsewhere, ...beside.reread, ...after.reread]),
      resolvedBefore: new Set([...recorded.already, ...beside.resolvedBefore, ...after.resolvedBefore]),
    };
  }

  /**
   * Inserts unresolved alerts with their alert.raised.v1 (one unordered insert), once the resolved
   * alerts still holding their keys have left `alerts`. Refused ones: the same alert written before (a
   * redelivery: done, and perhaps resolved and gone since: `resolvedBefore`) or another holding the
   * open key (its subject to read again: `reread`).
   */
  private async raiseOpen(
    opened: Alert[],
    shared: SharedChunk | null,
  ): Promise<{ reread: string[]; resolvedBefore: string[]; raised: string[] }> {
    const reread: string[] = [];
    const resolvedBefore: string[] = [];
    if (opened.length === 0) return { reread, resolvedBefore, raised: [] };
    await this.removeHolding(new Set(opened.map((a) => a.openKey)));
    const byId = new Map(opened.map((a) => [a._id, a]));
    const { duplicates } = await this.store.insertManyNew(
      opened.map(storedAlert),
      (a) => [alertRaisedEvent(byId.get(a._id)!)],
      shared,
    );
    const refused = new Set(duplicates);
    const raised = opened.filter((_, i) => !refused.has(i)).map((a) => a._id);
    await runWithConcurrency(duplicates, 8, async (i) => {
      const id = opened[i]._id;
      if (await this.store.findOne({ _id: id }, { projection: { _id: 1 } })) return;
      if (await this.resolutions.findOne({ _id: id }, { projection: { _id: 1 } })) resolvedBefore.push(id);
      else reread.push(opened[i].subjectId);
    });
    return { reread, resolvedBefore, raised };
  }

  /**
   * Resolves unresolved alerts: each appended, resolved, to alert_resolutions with alert.resolved.v1,
   * in one unordered insert (with the journal's reservation and chunk) however many; they leave `alerts`
   * behind it (removeLater), at once for an open key a run raises on again (apply). An alert that has
   * a record already (resolved elsewhere meanwhile, or by this very write before a crash) is not told
   * again; the record that stands is kept. Returns the subjects of the alerts found resolved already
   * (the caller re-reads them).
   */
  async resolve(alerts: Alert[], resolution: 'auto' | 'manual', note?: string): Promise<Set<string>> {
    return (await this.recordResolved(alerts, resolution, new Date(), note)).elsewhere;
  }

  /**
   * resolve(), and alerts raised and resolved at once (`raisedResolved`: never unresolved, with both
   * their events) in the same insert. `elsewhere`: the subjects of the unresolved alerts found resolved
   * already; `already`: the raised-and-resolved alerts written before (a redelivery).
   */
  private async recordResolved(
    alerts: Alert[],
    resolution: 'auto' | 'manual',
    now: Date,
    note?: string,
    raisedResolved: Alert[] = [],
    shared: SharedChunk | null = null,
  ): Promise<{ elsewhere: Set<string>; already: string[] }> {
    if (alerts.length === 0 && raisedResolved.length === 0) return { elsewhere: new Set(), already: [] };
    const made = [...alerts, ...raisedResolved].map((a) => alertResolution(a, resolution, now, note));
    const raisedNow = new Set(raisedResolved.map((a) => a._id));
    const events = new Map(made.map((m) => [m.record._id, m.event]));
    const raisedAlerts = new Map(raisedResolved.map((a) => [a._id, a]));
    const { duplicates } = await this.resolutions.insertManyNew(
      made.map((m) => storedAlert(m.record)),
      (r) => [
        ...(raisedNow.has(r._id) ? [alertRaisedEvent(raisedAlerts.get(r._id)!)] : []),
        events.get(r._id)!,
      ],
      shared,
    );
    const elsewhere = new Set<string>();
    const already: string[] = [];
    for (const i of duplicates) {
      const { _id, subjectId } = made[i].record;
      if (raisedNow.has(_id)) already.push(_id);
      else elsewhere.add(subjectId);
    }
    this.removeLater(alerts.map((a) => ({ id: a._id, openKey: a.openKey })));
    return { elsewhere, already };
  }

  /**
   * One page of alerts in the scope, newest first: unresolved ones from `alerts`, resolved ones from
   * alert_resolutions, both merged when no status is asked (an alert in both, resolved a moment ago and
   * not yet removed, is shown resolved).
   */
  async list(scope: Scope, filter: AlertFilter, page: number, pageSize: number): Promise<Page<Alert>> {
    const found = await this.pageOfStored(scope, filter, page, pageSize);
    return { ...found, items: found.items.map(loadedAlert) };
  }

  private async pageOfStored(
    scope: Scope,
    filter: AlertFilter,
    page: number,
    pageSize: number,
  ): Promise<Page<Alert>> {
    const sort = { raisedAt: -1, _id: 1 } as const;
    const { status, ...rest } = filter;
    if (status === 'resolved')
      return pageOf(
        this.resolutionModel,
        withinScope(scope, { ...rest }),
        sort,
        page,
        pageSize,
        WITHOUT_OUTBOX,
      );
    if (status) {
      const found = await this.page(scope, { ...rest, status }, sort, page, pageSize);
      return { ...found, items: await this.withoutResolved(found.items) };
    }
    // both, newest first: the first page × pageSize of each, merged
    const upTo = page * pageSize;
    const [open, resolved] = await Promise.all([
      pageOf(this.model, this.scoped(scope, { ...rest }), sort, 1, upTo, WITHOUT_OUTBOX),
      pageOf(this.resolutionModel, withinScope(scope, { ...rest }), sort, 1, upTo, WITHOUT_OUTBOX),
    ]);
    const resolvedIds = new Set(resolved.items.map((a) => a._id));
    const merged = [...open.items.filter((a) => !resolvedIds.has(a._id)), ...resolved.items].sort(
      (a, b) => new Date(b.raisedAt).getTime() - new Date(a.raisedAt).getTime() || a._id.localeCompare(b._id),
    );
    return {
      items: merged.slice((page - 1) * pageSize, upTo),
      total: open.total + resolved.total,
      page,
      pageSize,
    };
  }

  /** The alert if it lies in the scope: resolved (its record) or unresolved. */
  override async findById(scope: Scope, id: string): Promise<Alert | null> {
    const [resolved, open] = await Promise.all([
      this.resolutions.findOne(withinScope(scope, { _id: id }), { projection: WITHOUT_OUTBOX }),
      super.findById(scope, id),
    ]);
    const found = resolved ?? open;
    return found && loadedAlert(found);
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
    if (doc.status !== 'open') return 'not-open'; // acknowledged, or resolved (its record found)
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
    const written = await this.resolutions.insertNew(storedAlert(record), [event]);
    // either way it leaves the unresolved alerts; resolved a moment ago (by the evaluation or another
    // person), the record that stands is the answer
    this.unremoved.set(id, doc.openKey);
    await this.removeNow([id]);
    if (!written) return 'resolved';
    return (await this.findById(scope, id)) ?? 'missing';
  }

  /**
   * Alert counts per org unit and severity for dashboards, within the scope: one $group over the
   * unresolved alerts, or over the resolved ones when asked for (FerretDB-safe: $match and $group
   * with $sum). Unresolved alerts unless a status is given.
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
    const groups = await (filter.status === 'resolved' ? this.resolutions : this.store)
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

/** Promise.all that settles every promise before it answers (or throws the first failure). */
async function settledAll<T extends readonly unknown[]>(
  promises: { [K in keyof T]: Promise<T[K]> },
): Promise<T> {
  const settled = await Promise.allSettled(promises);
  const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((r) => (r as PromiseFulfilledResult<unknown>).value) as unknown as T;
}
