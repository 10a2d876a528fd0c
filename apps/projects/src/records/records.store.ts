import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { Scope } from '@lib/auth';
import { ScopedRepository } from '@lib/persistence';
import { Output, Sale } from './records.schema';

@Injectable()
export class OutputsStore extends ScopedRepository<Output> {
  constructor(@InjectModel(Output.name) model: Model<Output>) {
    super(model);
  }
  async create(o: Output) {
    await this.store.insert(o);
  }
  list(scope: Scope, projectId: string, page: number, pageSize: number) {
    return this.page(scope, { projectId }, { recordedOn: -1, _id: 1 }, page, pageSize);
  }
  /** Totals per kind, item and unit (e.g. 950,000 尾 stocked). */
  totals(projectId: string) {
    return this.model
      .aggregate<{ _id: { kind: string; item: string; unit: string }; quantity: number }>([
        { $match: { projectId } },
        { $group: { _id: { kind: '$kind', item: '$item', unit: '$unit' }, quantity: { $sum: '$quantity' } } },
      ])
      .exec();
  }
}

@Injectable()
export class SalesStore extends ScopedRepository<Sale> {
  constructor(@InjectModel(Sale.name) model: Model<Sale>) {
    super(model);
  }
  async create(s: Sale) {
    await this.store.insert(s);
  }
  list(scope: Scope, projectId: string, page: number, pageSize: number) {
    return this.page(scope, { projectId }, { soldOn: -1, _id: 1 }, page, pageSize);
  }
  /**
   * Sales amount and count per channel. Two aggregations: FerretDB 1.24 computes only the first
   * accumulator of a $group (measured: {$sum: '$amountFen'} then {$sum: 1} gives count 0).
   */
  async totals(projectId: string) {
    const group = (acc: { $sum: string | number }) =>
      this.model
        .aggregate<{ _id: string; v: number }>([
          { $match: { projectId } },
          { $group: { _id: '$channel', v: acc } },
        ])
        .exec();
    const [amounts, counts] = await Promise.all([group({ $sum: '$amountFen' }), group({ $sum: 1 })]);
    const count = new Map(counts.map((c) => [c._id, c.v]));
    return amounts.map((r) => ({ channel: r._id, amount: r.v / 100, count: count.get(r._id) ?? 0 }));
  }

  /** The latest sale's date, or null (an equality match and a sort: no scan of other projects). */
  async lastSaleOn(projectId: string): Promise<string | null> {
    const s = await this.model.findOne({ projectId }, { soldOn: 1 }).sort({ soldOn: -1 }).lean<Sale>().exec();
    return s?.soldOn ?? null;
  }
}
