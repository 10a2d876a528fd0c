import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { Visit } from './visit.schema';
import { findAllEach } from '../equality-lookups';

/** All database access for visits. */
@Injectable()
export class VisitsRepository {
  constructor(@InjectModel(Visit.name) private readonly model: Model<Visit>) {}

  /** Stores the visits not seen yet (by survey id), in one round trip; returns the new ones. */
  async insertNew(visits: Visit[]): Promise<Visit[]> {
    if (visits.length === 0) return [];
    const known = new Set(
      (
        await this.model
          .find({ _id: { $in: visits.map((v) => v._id) } }, { _id: 1 })
          .lean()
          .exec()
      ).map((v) => v._id),
    );
    const fresh = visits.filter((v) => !known.has(v._id));
    if (fresh.length === 0) return [];
    await this.model.collection.bulkWrite(
      fresh.map((v) => ({
        updateOne: { filter: { _id: v._id }, update: { $setOnInsert: v }, upsert: true },
      })) as never,
      { ordered: false },
    );
    return fresh;
  }

  async ofMembersOnDays(memberIds: string[], days: string[]) {
    const wanted = new Set(memberIds);
    return (await this.onDays(days)).filter((d) => wanted.has(d.memberId));
  }

  /** Everything on these days: one equality lookup per day (FerretDB scans the collection for `$in`). */
  onDays(days: string[]) {
    return findAllEach(
      this.model,
      [...new Set(days)].map((day) => ({ day })),
    );
  }
}
