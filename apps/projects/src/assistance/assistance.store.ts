import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Filter, UpdateFilter } from 'mongodb';
import type { Model, QueryFilter } from 'mongoose';
import { pairedScopeFilter, Scope } from '@lib/auth';
import { CloudEvent } from '@lib/contracts';
import { OutboxRelay } from '@lib/messaging';
import { pageOf, ScopedRepository, WITHOUT_OUTBOX } from '@lib/persistence';
import { AssistanceRecord } from './assistance.schema';
import { olderPairingThan } from '../household-directory/domain/household-directory-fold';
import type { Installment, Ledger, LedgerEntry } from './domain/ledgers';

/** What an entry changes on its record besides the entry (a loan's schedule when a repayment is recorded). */
export type EntryChanges = Pick<Partial<AssistanceRecord>, 'schedule' | 'nextWatchedDue'>;
/** What the record must still look like for the entry to be added (the loan unchanged since it was read). */
export type EntryGuard = Pick<Partial<AssistanceRecord>, 'nextWatchedDue'>;

/** assistance_records: scoped reads (a 帮扶责任人 sees their households' records only), writes with their events. */
@Injectable()
export class AssistanceStore extends ScopedRepository<AssistanceRecord> {
  constructor(@InjectModel(AssistanceRecord.name) model: Model<AssistanceRecord>, relay: OutboxRelay) {
    super(model, { relay });
  }

  /** Records carry their pairings: within the units, and only the paired households' where the caller is paired only. */
  protected override scoped(scope: Scope, query: Record<string, unknown>): QueryFilter<AssistanceRecord> {
    const defined = Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined));
    return scope.all ? defined : { $and: [defined, pairedScopeFilter(scope)] };
  }

  insert(r: AssistanceRecord, events: CloudEvent[]): Promise<boolean> {
    return this.store.insertNew(r, events);
  }

  byIdUnscoped(id: string) {
    return this.model.findById(id, WITHOUT_OUTBOX).lean<AssistanceRecord>().exec();
  }

  get(scope: Scope, ledger: Ledger, id: string) {
    return this.model
      .findOne(this.scoped(scope, { _id: id, ledger }), WITHOUT_OUTBOX)
      .lean<AssistanceRecord>()
      .exec();
  }

  /**
   * Adds an entry unless one with its id is there (a retry), with the record's other changes and the
   * entry's events in the same write; `guard` is what the record must still look like (e.g. the installment unpaid).
   */
  async addEntry(
    id: string,
    entry: LedgerEntry,
    set: EntryChanges,
    events: CloudEvent[],
    guard: EntryGuard = {},
  ): Promise<boolean> {
    const filter: Filter<AssistanceRecord> = { _id: id, 'entries._id': { $ne: entry._id }, ...guard };
    const update: UpdateFilter<AssistanceRecord> = { $push: { entries: entry } };
    if (Object.keys(set).length) update.$set = set;
    const r = await this.store.updateOne(filter, update, { events });
    return r.modifiedCount > 0;
  }

  list(scope: Scope, ledger: Ledger, filter: Record<string, unknown>, page: number, pageSize: number) {
    return pageOf(
      this.model,
      this.scoped(scope, { ledger, ...filter }),
      { recordedAt: -1, _id: 1 },
      page,
      pageSize,
      WITHOUT_OUTBOX,
    );
  }

  /** Every record of a ledger in scope (the export), newest first, at most 10 000. */
  all(scope: Scope, ledger: Ledger, filter: Record<string, unknown>) {
    return this.model
      .find(this.scoped(scope, { ledger, ...filter }), WITHOUT_OUTBOX)
      .sort({ recordedAt: -1, _id: 1 })
      .limit(10_000)
      .lean<AssistanceRecord[]>()
      .exec();
  }

  /** The household's records, and the collective records that paid it (distributions). */
  ofHousehold(scope: Scope, householdId: string) {
    return this.model
      .find(
        this.scoped(scope, { $or: [{ householdId }, { 'entries.householdId': householdId }] }),
        WITHOUT_OUTBOX,
      )
      .sort({ recordedAt: -1 })
      .limit(500)
      .lean<AssistanceRecord[]>()
      .exec();
  }

  /** Loans with an installment due before `today`, unpaid and not announced yet. */
  loansWithUnannouncedDue(today: string) {
    return this.model
      .find({ ledger: 'microcredit', nextWatchedDue: { $lt: today } }, WITHOUT_OUTBOX)
      .limit(1000)
      .lean<AssistanceRecord[]>()
      .exec();
  }

  /** Marks installments announced, with their events, only if the loan was not changed since it was read. */
  async markOverdue(
    loan: AssistanceRecord,
    schedule: Installment[],
    next: string | null,
    events: CloudEvent[],
  ): Promise<boolean> {
    const r = await this.store.updateOne(
      { _id: loan._id, nextWatchedDue: loan.nextWatchedDue },
      { $set: { schedule, nextWatchedDue: next } },
      { events },
    );
    return r.modifiedCount > 0;
  }

  /** A household's 帮扶责任人 changed: its records follow. */
  async pairingChanged(householdId: string, cadreIds: string[], version: number) {
    await this.store.updateMany(
      { householdId, $or: olderPairingThan(version) },
      { $set: { pairedCadreIds: cadreIds, pairingVersion: version } },
    );
  }
}
