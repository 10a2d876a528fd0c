import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { Scope } from '@lib/auth';
import { ScopedRepository } from '@lib/persistence';
import { CloudEvent } from '@lib/contracts';
import { OutboxRelay } from '@lib/messaging';
import { Distribution } from './distributions.schema';

@Injectable()
export class DistributionsStore extends ScopedRepository<Distribution> {
  constructor(@InjectModel(Distribution.name) model: Model<Distribution>, relay: OutboxRelay) {
    super(model, { relay });
  }

  /** The payment and its event in one write; false when the id was already used (nothing written). */
  insert(d: Distribution, events: CloudEvent[]): Promise<boolean> {
    return this.store.insertNew(d, events);
  }

  /** By id regardless of scope (to recognise a retry); never returned to a caller out of scope. */
  byId(id: string) {
    return this.model.findById(id).lean<Distribution>().exec();
  }

  list(
    scope: Scope,
    projectId: string,
    filter: { householdId?: string; year?: number },
    page: number,
    pageSize: number,
  ) {
    return this.page(scope, { projectId, ...filter }, { paidOn: -1, _id: 1 }, page, pageSize);
  }

  /** Amount (fen) per beneficiary link paid in a year (one accumulator: FerretDB 1.24 computes only the first). */
  async paidInYear(year: number): Promise<Map<string, number>> {
    const rows = await this.model
      .aggregate<{ _id: string; amountFen: number }>([
        { $match: { year } },
        { $group: { _id: '$beneficiaryId', amountFen: { $sum: '$amountFen' } } },
      ])
      .exec();
    return new Map(rows.map((r) => [r._id, r.amountFen]));
  }

  ofHousehold(scope: Scope, householdId: string) {
    return this.model
      .find(this.scoped(scope, { householdId }))
      .sort({ paidOn: -1 })
      .limit(500)
      .lean<Distribution[]>()
      .exec();
  }
}
