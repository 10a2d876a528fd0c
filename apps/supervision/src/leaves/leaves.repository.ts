import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import type { Excuse } from '../attendance/attendance-day';
import { findPage } from '../paging';
import { Leave } from './leave.schema';

/** All database access for leave and official-business requests. */
@Injectable()
export class LeavesRepository {
  constructor(@InjectModel(Leave.name) private readonly model: Model<Leave>) {}

  async insert(leave: Leave): Promise<void> {
    await this.model.collection.insertOne(leave as never);
  }

  findById(id: string) {
    return this.model.findById(id).lean().exec();
  }

  /** Decides a pending request (once: a decided one is not changed again). */
  decide(id: string, set: Pick<Leave, 'status' | 'decidedAt' | 'decidedBy' | 'decisionNote'>) {
    return this.model
      .findOneAndUpdate({ _id: id, status: 'pending' }, { $set: set }, { new: true })
      .lean()
      .exec();
  }

  list(filter: { memberId?: string; teamId?: string; status?: string }, page: number, pageSize: number) {
    return findPage(this.model, filter, { requestedAt: -1, _id: 1 }, page, pageSize);
  }

  /** Approved excuses of these members on these days: `${memberId}:${day}` → kind. */
  async excusesOf(memberIds: string[], days: string[]): Promise<Map<string, Excuse>> {
    const out = new Map<string, Excuse>();
    if (memberIds.length === 0 || days.length === 0) return out;
    const sorted = [...days].sort();
    const approved = await this.model
      .find({
        memberId: { $in: memberIds },
        status: 'approved',
        from: { $lte: sorted[sorted.length - 1] },
        to: { $gte: sorted[0] },
      })
      .lean()
      .exec();
    for (const l of approved)
      for (const day of days) if (day >= l.from && day <= l.to) out.set(`${l.memberId}:${day}`, l.kind);
    return out;
  }
}
