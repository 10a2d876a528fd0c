import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { AnyBulkWriteOperation, Document } from 'mongodb';
import { Model } from 'mongoose';
import { CloudEvent } from '@lib/contracts';
import { OutboxRelay, outboxOnInsert, outboxOnUpdate } from '@lib/messaging';
import { ScopedCollection } from '../scoped-collection';
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
    // Days computed before tenancy lack countyCode: derived from villageCode once.
    await new ScopedCollection(this.model).backfillCountyCodes();
  }

  findByIds(ids: string[]) {
    return this.model
      .find({ _id: { $in: ids } })
      .lean()
      .exec();
  }

  ofMembersOnDays(memberIds: string[], days: string[]) {
    return this.model
      .find({ memberId: { $in: memberIds }, day: { $in: days } }, { memberId: 1, day: 1 })
      .lean()
      .exec();
  }

  ofMemberInMonth(memberId: string, month: string) {
    return this.model.find({ memberId, month }).sort({ day: 1 }).lean().exec();
  }

  /** Which of these days (`${memberId}:${day}` ids) exist. */
  async existing(ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const docs = await this.model
      .find({ _id: { $in: ids } }, { _id: 1 })
      .lean()
      .exec();
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
