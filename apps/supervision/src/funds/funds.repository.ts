import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { findPage } from '../paging';
import { FundEntry } from './fund-entry.schema';

/** All database access for the fund ledger. */
@Injectable()
export class FundsRepository {
  constructor(@InjectModel(FundEntry.name) private readonly model: Model<FundEntry>) {}

  async insert(entry: FundEntry): Promise<void> {
    await this.model.collection.insertOne(entry as never);
  }

  findById(id: string) {
    return this.model.findById(id).lean().exec();
  }

  /** Decides a pending entry (once). */
  decide(id: string, set: Pick<FundEntry, 'status' | 'decidedAt' | 'decidedBy' | 'decisionNote'>) {
    return this.model
      .findOneAndUpdate({ _id: id, status: 'pending' }, { $set: set }, { new: true })
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

  list(q: { teamId: string; month?: string; status?: string }, page: number, pageSize: number) {
    return findPage(
      this.model,
      this.filterOf(q.teamId, q.month, q.status),
      { spentOn: -1, _id: 1 },
      page,
      pageSize,
    );
  }

  /** Sums in fen per status ($group with $sum: served by MongoDB and FerretDB alike). */
  async totals(teamId: string, month?: string): Promise<Record<string, number>> {
    const rows = await this.model
      .aggregate<{ _id: string; fen: number }>([
        { $match: this.filterOf(teamId, month) },
        { $group: { _id: '$status', fen: { $sum: '$amountFen' } } },
      ])
      .exec();
    return Object.fromEntries(rows.map((r) => [r._id, r.fen]));
  }
}
