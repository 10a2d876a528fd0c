import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { Scope } from '@lib/auth';
import { ScopedCollection } from '../scoped-collection';
import { FundEntry } from './fund-entry.schema';

/** All database access for the fund ledger. */
@Injectable()
export class FundsRepository extends ScopedCollection<FundEntry> {
  constructor(@InjectModel(FundEntry.name) model: Model<FundEntry>) {
    super(model);
  }

  async insert(entry: FundEntry): Promise<void> {
    await this.model.collection.insertOne(entry as never);
  }

  /** Decides a pending entry within the scope (once). */
  decide(
    scope: Scope,
    id: string,
    set: Pick<FundEntry, 'status' | 'decidedAt' | 'decidedBy' | 'decisionNote'>,
  ) {
    return this.model
      .findOneAndUpdate(this.where(scope, { _id: id, status: 'pending' }), { $set: set }, { new: true })
      .lean()
      .exec();
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
