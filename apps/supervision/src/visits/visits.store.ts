import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { ReadModelUser, Store } from '@lib/persistence';
import { Visit } from './visit.schema';
import { ofMembersOnDays, onDays } from '../equality-lookups';

/**
 * All database access for visits. Its collection is `visits` until a replay rebuilt it into another
 * (`npm run replay -- supervision visits`; replay/visits-pointer.ts switches it over): every read and
 * write goes to the collection in use.
 */
@Injectable()
export class VisitsStore implements ReadModelUser {
  private store: Store<Visit>;
  /** The model over the collection in use (the lookups are the model's). */
  private model: Model<Visit>;

  constructor(@InjectModel(Visit.name) private readonly own: Model<Visit>) {
    this.model = own;
    this.store = Store.of(own);
  }

  get collectionName(): string {
    return this.store.collectionName;
  }

  /** Reads and writes `name` from now on (a replayed read model switched over): the model's schema over it. */
  useCollection(name: string): void {
    if (name === this.store.collectionName) return;
    const db = this.own.db;
    const key = `${Visit.name}@${name}`;
    this.model = (db.models[key] as Model<Visit> | undefined) ?? db.model<Visit>(key, this.own.schema, name);
    this.store = Store.of(this.model);
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
