import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { AnyBulkWriteOperation } from 'mongodb';
import { Model } from 'mongoose';
import { CloudEvent } from '@lib/contracts';
import { inParallelBulks, OutboxRelay } from '@lib/messaging';
import { isDuplicateKeyError, Store, updateWithEvents, withEvents } from '@lib/persistence';
import { findAllEach, ofMembersOnDays, onDays } from '../equality-lookups';
import { AttendanceDayDoc } from './attendance-day.schema';

/** A day to write and the events that go with it. */
export interface DayWrite {
  day: AttendanceDayDoc;
  events: CloudEvent[];
}

/** A changed day and the fingerprint of the computation it replaces. */
export interface DayReplacement extends DayWrite {
  before: string;
}

const fieldsOf = ({ _id, ...fields }: AttendanceDayDoc) => ({ _id, fields });

/** All database access for attendance days. */
@Injectable()
export class AttendanceStore {
  private readonly store: Store<AttendanceDayDoc>;

  constructor(
    @InjectModel(AttendanceDayDoc.name) private readonly model: Model<AttendanceDayDoc>,
    relay: OutboxRelay,
  ) {
    this.store = Store.of(model, { relay });
  }

  /** The computed days with these ids (`${memberId}:${day}`), found by their days. */
  async findByIds(ids: string[]) {
    const wanted = new Set(ids);
    return (await this.onDays(ids.map((id) => id.slice(id.lastIndexOf(':') + 1)))).filter((d) =>
      wanted.has(d._id),
    );
  }

  ofMembersOnDays(memberIds: string[], days: string[]) {
    return ofMembersOnDays(this.model, memberIds, days);
  }

  /** The months (YYYY-MM) in which these members have computed days (equality lookups per member). */
  async monthsOf(memberIds: string[]): Promise<string[]> {
    const docs = await findAllEach(
      this.model,
      [...new Set(memberIds)].map((memberId) => ({ memberId })),
      { month: 1 },
    );
    return [...new Set(docs.map((d) => d.month))].sort();
  }

  /** Every computed day on these days: one equality lookup per day (FerretDB scans for `$in`). */
  onDays(days: string[]) {
    return onDays(this.model, days);
  }

  ofMemberInMonth(memberId: string, month: string) {
    return this.model.find({ memberId, month }).sort({ day: 1 }).lean().exec();
  }

  /** Which of these days (`${memberId}:${day}` ids) exist. */
  async existing(ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const docs = await findAllEach(
      this.model,
      ids.map((_id) => ({ _id })),
      { _id: 1 },
    );
    return new Set(docs.map((d) => d._id));
  }

  /** Inserts days that do not exist yet (with their events); a day computed meanwhile is kept. */
  async insertAbsent(items: DayWrite[]): Promise<void> {
    await this.store.bulkWrite(
      items.map(({ day, events }): AnyBulkWriteOperation<AttendanceDayDoc> => {
        const { _id, fields } = fieldsOf(day);
        return {
          updateOne: {
            filter: { _id },
            update: { $setOnInsert: withEvents(fields, events) },
            upsert: true,
          },
        };
      }),
      { carriesEvents: true },
    );
  }

  /**
   * Days new as far as the caller knows, with their events, in one unordered insert; a day that
   * exists already is refused (its id returned) and left as it is.
   */
  async insertNewDays(items: DayWrite[]): Promise<{ refused: string[] }> {
    const events = new Map(items.map((w) => [w.day, w.events]));
    const { duplicates } = await this.store.insertManyNew(
      items.map((w) => w.day),
      (d) => events.get(d as AttendanceDayDoc) ?? [],
    );
    return { refused: duplicates.map((i) => items[i].day._id) };
  }

  /**
   * Changed days with their events, in a few bulk writes in parallel, each only over the computation it replaces
   * (its fingerprint). `complete` false: some had been changed by another writer meanwhile.
   */
  async replaceDays(items: DayReplacement[]): Promise<{ complete: boolean }> {
    const ops = items.map(({ day, events, before }): AnyBulkWriteOperation<AttendanceDayDoc> => {
      const { _id, fields } = fieldsOf(day);
      return {
        updateOne: {
          filter: { _id, fingerprint: before },
          update: updateWithEvents({ $set: fields }, events),
        },
      };
    });
    const results = await Promise.all(
      inParallelBulks(ops).map((bulk) => this.store.bulkWrite(bulk, { carriesEvents: true })),
    );
    const matched = results.reduce((n, r) => n + (r?.matchedCount ?? 0), 0);
    return { complete: matched === items.length };
  }

  /**
   * Writes each changed day with its events in one single-document upsert (a few bulk writes in parallel).
   * The filter keeps a newer computation (larger basis): then the upsert's insert hits the
   * primary key and is skipped.
   */
  async save(items: DayWrite[]): Promise<void> {
    const ops = items.map(({ day, events }): AnyBulkWriteOperation<AttendanceDayDoc> => {
      const { _id, fields } = fieldsOf(day);
      return {
        updateOne: {
          filter: { _id, basis: { $lte: day.basis } },
          update: updateWithEvents({ $set: fields }, events),
          upsert: true,
        },
      };
    });
    await Promise.all(
      inParallelBulks(ops).map(async (bulk) => {
        try {
          await this.store.bulkWrite(bulk, { carriesEvents: true });
        } catch (e) {
          if (!isDuplicateKeyError(e)) throw e;
        }
      }),
    );
  }
}
