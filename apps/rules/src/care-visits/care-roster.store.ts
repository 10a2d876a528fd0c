import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { Connection } from 'mongoose';
import { CareFrequencies } from '@lib/contracts';
import { ReadModelUser, Store } from '@lib/persistence';
import { CollectionsSetup } from '@lib/service-kit';
import {
  CARE_ROSTER_COLLECTION,
  CareMemberDoc,
  CareRosterEntry,
  entryFieldsOf,
  CountyFrequenciesDoc,
  frequenciesCollectionOf,
} from './domain/care-roster-fold';

/**
 * Rules' copy of the villages' 关爱服务名册 (households' care-roster events) and of each county's visit
 * frequencies: what the daily 关爱走访逾期 pass reads. Every write is idempotent (a redelivery changes nothing).
 * Its collections are `care_roster` and `care_frequencies` until a replay rebuilt them into another
 * pair (`npm run replay -- rules care-roster`; replay/care-roster-pointer.ts switches it over): every
 * read and write goes to the pair in use.
 */
@Injectable()
export class CareRosterStore implements OnModuleInit, ReadModelUser {
  private members: Store<CareMemberDoc>;
  private frequencies: Store<CountyFrequenciesDoc>;

  constructor(
    @InjectConnection() private readonly connection: Connection,
    private readonly collections: CollectionsSetup,
  ) {
    this.members = Store.named<CareMemberDoc>(connection, CARE_ROSTER_COLLECTION);
    this.frequencies = Store.named<CountyFrequenciesDoc>(
      connection,
      frequenciesCollectionOf(CARE_ROSTER_COLLECTION),
    );
  }

  async onModuleInit() {
    // after service-kit has made the collections (FerretDB wedges on concurrent creation and indexing)
    await this.collections.ready();
    await Store.named<CareMemberDoc>(this.connection, CARE_ROSTER_COLLECTION).createIndex({ removed: 1 });
  }

  /** The roster's collection in use (the frequencies' one has the same suffix). */
  get collectionName(): string {
    return this.members.collectionName;
  }

  /** Reads and writes the roster `name` and its frequencies from now on (a replayed roster switched over). */
  useCollection(name: string): void {
    if (name === this.members.collectionName) return;
    this.members = Store.named<CareMemberDoc>(this.connection, name);
    this.frequencies = Store.named<CountyFrequenciesDoc>(this.connection, frequenciesCollectionOf(name));
  }

  /** The entry as households says it is now (added or changed); its last visit is kept. */
  async upsert(d: CareRosterEntry): Promise<void> {
    await this.members.updateOne(
      { _id: d.rosterId },
      { $set: entryFieldsOf(d), $setOnInsert: { lastVisitedOn: null, removed: false } },
      { upsert: true },
    );
  }

  async remove(id: string): Promise<void> {
    await this.members.updateOne({ _id: id }, { $set: { removed: true } });
  }

  /** The entry's last visit moves forward to `visitedOn`; true when it did (the newest visit), false otherwise. */
  async visited(id: string, visitedOn: string): Promise<boolean> {
    const r = await this.members.updateOne(
      { _id: id, $or: [{ lastVisitedOn: null }, { lastVisitedOn: { $lt: visitedOn } }] },
      { $set: { lastVisitedOn: visitedOn } },
    );
    if (r.modifiedCount === 1) return true;
    // a redelivery of the newest visit: still the newest
    return this.members.exists({ _id: id, lastVisitedOn: visitedOn });
  }

  /** The county's frequencies unless newer ones are stored (frequency events of a county may come in any order). */
  async setFrequencies(countyCode: string, frequencies: CareFrequencies, at: string): Promise<void> {
    const stored = await this.frequencies.findOne({ _id: countyCode });
    if (stored && stored.at >= at) return;
    await this.frequencies.updateOne({ _id: countyCode }, { $set: { frequencies, at } }, { upsert: true });
  }

  async allFrequencies(): Promise<Map<string, CareFrequencies>> {
    const docs = await this.frequencies.find({}).toArray();
    return new Map(docs.map((d) => [d._id, d.frequencies]));
  }

  /** Everyone on a roster, in pages. */
  async *active(batch = 500): AsyncGenerator<CareMemberDoc[]> {
    let page: CareMemberDoc[] = [];
    for await (const m of this.members.find({ removed: false }, { batchSize: batch })) {
      page.push(m);
      if (page.length === batch) {
        yield page;
        page = [];
      }
    }
    if (page.length) yield page;
  }
}
