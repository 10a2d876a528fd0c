import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { Scope } from '@lib/auth';
import { ScopedRepository } from '@lib/persistence';
import { ChannelConfig } from './channel-configs.schema';

/** Channel configurations; callers see their scope's, the worker reads as the service. */
@Injectable()
export class ChannelConfigsStore extends ScopedRepository<ChannelConfig> {
  constructor(@InjectModel(ChannelConfig.name) model: Model<ChannelConfig>) {
    super(model);
  }

  async create(c: ChannelConfig): Promise<void> {
    await this.store.insert(c);
  }

  /** Updates a channel within the scope; false if there is none there. */
  async update(scope: Scope, id: string, set: Partial<ChannelConfig>): Promise<boolean> {
    const r = await this.model.updateOne(this.scoped(scope, { _id: id }), { $set: set }).exec();
    return r.matchedCount > 0;
  }

  async remove(scope: Scope, id: string): Promise<boolean> {
    const r = await this.model.deleteOne(this.scoped(scope, { _id: id })).exec();
    return r.deletedCount > 0;
  }

  list(scope: Scope, filter: { unit?: string; kind?: string }, page: number, pageSize: number) {
    return this.page(scope, filter, { unit: 1, createdAt: 1 }, page, pageSize);
  }

  /** The enabled channels of a village, its town and its county (the candidates for an alert). */
  forVillage(villageCode: string): Promise<ChannelConfig[]> {
    const units = [villageCode.slice(0, 6), villageCode.slice(0, 9), villageCode];
    return this.model
      .find({ unit: { $in: units }, enabled: true })
      .sort({ createdAt: 1 })
      .lean<ChannelConfig[]>()
      .exec();
  }
}
