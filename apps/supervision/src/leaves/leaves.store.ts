import { Injectable } from '@nestjs/common';
import { CloudEvent } from '@lib/contracts';
import { OutboxRelay } from '@lib/messaging';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { Scope } from '@lib/auth';
import type { Excuse } from './domain/leave-kinds';
import { ScopedCollection } from '../scoped-collection';
import { findAllEach } from '../equality-lookups';
import { Leave } from './leave.schema';

/** All database access for leave and official-business requests. */
@Injectable()
export class LeavesStore extends ScopedCollection<Leave> {
  constructor(@InjectModel(Leave.name) model: Model<Leave>, relay: OutboxRelay) {
    super(model, { relay });
  }

  async insert(leave: Leave): Promise<void> {
    await this.store.insert(leave);
  }

  /**
   * Decides a pending request within the scope (once: a decided one is not changed again), its
   * events in the same single-document update.
   */
  async decide(
    scope: Scope,
    id: string,
    set: Pick<Leave, 'status' | 'decidedAt' | 'decidedBy' | 'decisionNote'>,
    events: CloudEvent[],
  ) {
    const r = await this.store.updateOne(
      this.within(scope, { _id: id, status: 'pending' }),
      { $set: set },
      { events },
    );
    return r.matchedCount === 1 ? this.model.findById(id).lean<Leave>().exec() : null;
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
    // one equality lookup (FerretDB scans for `$in`); members and period filtered here
    const wanted = new Set(memberIds);
    const approved = (await findAllEach(this.model, [{ status: 'approved' }])).filter(
      (l) => wanted.has(l.memberId) && l.from <= sorted[sorted.length - 1] && l.to >= sorted[0],
    );
    for (const l of approved)
      for (const day of days) if (day >= l.from && day <= l.to) out.set(`${l.memberId}:${day}`, l.kind);
    return out;
  }
}
