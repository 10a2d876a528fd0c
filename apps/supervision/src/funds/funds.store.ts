import { Injectable } from '@nestjs/common';
import { CloudEvent } from '@lib/contracts';
import { OutboxRelay } from '@lib/messaging';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { Scope } from '@lib/auth';
import { ScopedCollection } from '../scoped-collection';
import { FundEntry } from './fund-entry.schema';

/** All database access for the fund ledger. */
@Injectable()
export class FundsStore extends ScopedCollection<FundEntry> {
  constructor(@InjectModel(FundEntry.name) model: Model<FundEntry>, relay: OutboxRelay) {
    super(model, { relay });
  }

  async insert(entry: FundEntry): Promise<void> {
    await this.store.insert(entry);
  }

  /** Decides a pending entry within the scope (once), its events in the same single-document update. */
  async decide(
    scope: Scope,
    id: string,
    set: Pick<FundEntry, 'status' | 'decidedAt' | 'decidedBy' | 'decisionNote'>,
    events: CloudEvent[],
  ) {
    const r = await this.store.updateOne(
      this.within(scope, { _id: id, status: 'pending' }),
      { $set: set },
      { events },
    );
    return r.matchedCount === 1 ? this.model.findById(id).lean<FundEntry>().exec() : null;
  }

  private filterOf(teamId: string, month?: string, status?: string) {
    return {
      teamId,
      ...(month ? { spentOn: { $gte: `${month}-01`, $lte: `${month}-31` } } : {}),
      ...(status ? { status } : {}),
    };
  }

  list(scope: Scope, q: { teamId: string; month?: string; status?: string }, page: number, pageSize: number) {
    return this.page(
      scope,
      this.filterOf(q.teamId, q.month, q.status),
      { spentOn: -1, _id: 1 },
      page,
      pageSize,
    );
  }

  /** Sums in fen per status ($group with $sum: served by MongoDB and FerretDB alike). */
  async totals(scope: Scope, teamId: string, month?: string): Promise<Record<string, number>> {
    const rows = await this.model
      .aggregate<{ _id: string; fen: number }>([
        { $match: this.where(scope, this.filterOf(teamId, month)) },
        { $group: { _id: '$status', fen: { $sum: '$amountFen' } } },
      ])
      .exec();
    return Object.fromEntries(rows.map((r) => [r._id, r.fen]));
  }
}
