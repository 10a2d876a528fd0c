import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { AnyBulkWriteOperation, Document } from 'mongodb';
import { Model } from 'mongoose';
import { CloudEvent } from '@lib/contracts';
import { OutboxRelay, outboxOnInsert, outboxOnUpdate } from '@lib/messaging';
import { findAllEach } from '../equality-lookups';
import { AttendanceDayDoc } from './attendance-day.schema';

/** All database access for attendance days. */
@Injectable()
export class AttendanceRepository implements OnModuleInit {
  constructor(
    @InjectModel(AttendanceDayDoc.name) private readonly model: Model<AttendanceDayDoc>,
    private readonly relay: OutboxRelay,
  ) {}

  async onModuleInit() {
    this.relay.register(this.model.collection);
  }

  /** The computed days with these ids (`${memberId}:${day}`), found by their days. */
  async findByIds(ids: string[]) {
    const wanted = new Set(ids);
    return (await this.onDays(ids.map((id) => id.slice(id.lastIndexOf(':') + 1)))).filter((d) =>
      wanted.has(d._id),
    );
  }

  async ofMembersOnDays(memberIds: string[], days: string[]) {
    const wanted = new Set(memberIds);
    return (await this.onDays(days)).filter((d) => wanted.has(d.memberId));
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
    return findAllEach(
      this.model,
      [...new Set(days)].map((day) => ({ day })),
    );
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
  async insertAbsent(items: Array<{ day: AttendanceDayDoc; events: CloudEvent[] }>): Promise<void> {
    if (items.length === 0) return;
    const ops = items.map(({ day, events }): AnyBulkWriteOperation => {
      const { _id, ...fields } = day;
      return {
        updateOne: {
          filter: { _id } as Document,
          update: { $setOnInsert: { ...fields, ...outboxOnInsert(events) } },
          upsert: true,
        },
      };
    });
    await this.model.collection.bulkWrite(ops, { ordered: false });
    this.relay.kick();
  }

  /**
   * Writes each changed day with its events in one single-document upsert, in one round trip.
   * The filter keeps a newer computation (larger basis): then the upsert's insert hits the
   * primary key and is skipped.
   */
  async save(items: Array<{ day: AttendanceDayDoc; events: CloudEvent[] }>): Promise<void> {
    if (items.length === 0) return;
    const ops = items.map(({ day, events }): AnyBulkWriteOperation => {
      const { _id, ...fields } = day;
      const outbox = outboxOnUpdate(events);
      return {
        updateOne: {
          filter: { _id, basis: { $lte: day.basis } } as Document,
          update: { $set: { ...fields, ...outbox.$set }, $push: outbox.$push },
          upsert: true,
        },
      };
    });
    try {
      await this.model.collection.bulkWrite(ops, { ordered: false });
    } catch (e) {
      const raw = (e as { writeErrors?: { code?: number } | Array<{ code?: number }> }).writeErrors;
      const errors = raw === undefined ? null : Array.isArray(raw) ? raw : [raw];
      if (!errors || errors.some((w) => w.code !== 11000)) throw e;
    }
    this.relay.kick();
  }
}
