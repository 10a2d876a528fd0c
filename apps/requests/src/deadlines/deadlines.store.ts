import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { Store } from '@lib/persistence';
import { DeadlineSetting } from './deadline-setting.schema';

@Injectable()
export class DeadlinesStore {
  private readonly store: Store<DeadlineSetting>;

  constructor(@InjectModel(DeadlineSetting.name) model: Model<DeadlineSetting>) {
    this.store = Store.of(model);
  }

  ofCounty(countyCode: string): Promise<DeadlineSetting | null> {
    return this.store.findOne({ _id: countyCode });
  }

  async put(s: DeadlineSetting): Promise<void> {
    const { _id, ...fields } = s;
    await this.store.updateOne({ _id }, { $set: fields }, { upsert: true });
  }
}
