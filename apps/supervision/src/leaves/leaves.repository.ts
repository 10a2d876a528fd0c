import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { Scope } from '@lib/auth';
import type { Excuse } from '../attendance/attendance-day';
import { ScopedCollection } from '../scoped-collection';
import { Leave } from './leave.schema';

/** All database access for leave and official-business requests. */
@Injectable()
export class LeavesRepository extends ScopedCollection<Leave> {
  constructor(@InjectModel(Leave.name) model: Model<Leave>) {
    super(model);
  }

  async insert(leave: Leave): Promise<void> {
    await this.model.collection.insertOne(leave as never);
  }

  /** Decides a pending request within the scope (once: a decided one is not changed again). */
  decide(scope: Scope, id: string, set: Pick<Leave, 'status' | 'decidedAt' | 'decidedBy' | 'decisionNote'>) {
    return this.model
      .findOneAndUpdate(this.where(scope, { _id: id, status: 'pending' }), { $set: set }, { new: true })
      .lean()
      .exec();
  }

  list(
    scope: Scope,
    filter: { memberId?: string; teamId?: string; status?: string },
    page: number,
    pageSize: number,
  ) {
    return this.page(scope, filter, { requestedAt: -1, _id: 1 }, page, pageSize);
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
