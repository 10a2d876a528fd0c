import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { Store } from '@lib/persistence';
import { Visit } from './visit.schema';
import { ofMembersOnDays, onDays } from '../equality-lookups';

/** All database access for visits. */
@Injectable()
export class VisitsStore {
  private readonly store: Store<Visit>;

  constructor(@InjectModel(Visit.name) private readonly model: Model<Visit>) {
    this.store = Store.of(model);
  }

  /**
   * Stores the visits not seen yet (by survey id) in one unordered insert (a visit stored before is
   * refused by its id); returns the new ones.
   */
  async insertNew(visits: Visit[]): Promise<Visit[]> {
    const { duplicates } = await this.store.insertManyNew(visits);
    const known = new Set(duplicates);
    return visits.filter((_, i) => !known.has(i));
  }

  ofMembersOnDays(memberIds: string[], days: string[]) {
    return ofMembersOnDays(this.model, memberIds, days);
  }

  /** Everything on these days: one equality lookup per day (FerretDB scans the collection for `$in`). */
  onDays(days: string[]) {
    return onDays(this.model, days);
  }
}
