import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { Store } from '@lib/persistence';
import { Visit } from './visit.schema';
import { findAllEach } from '../equality-lookups';

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

  async ofMembersOnDays(memberIds: string[], days: string[]) {
    const wanted = new Set(memberIds);
    return (await this.onDays(days)).filter((d) => wanted.has(d.memberId));
  }

  /** Everything on these days: one equality lookup per day (FerretDB scans the collection for `$in`). */
  onDays(days: string[]) {
    return findAllEach(
      this.model,
      [...new Set(days)].map((day) => ({ day })),
    );
  }
}
