import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { Connection } from 'mongoose';
import { CareFrequencies } from '@lib/contracts';
import { Store } from '@lib/persistence';
import { CollectionsSetup } from '@lib/service-kit';
import { CareMember } from './domain/care-overdue-alert';

type CareMemberDoc = CareMember & { countyCode: string; removed: boolean; updatedAt: string };
interface CountyFrequenciesDoc {
  _id: string;
  frequencies: CareFrequencies;
  at: string;
}

/**
 * Rules' copy of the villages' 关爱服务名册 (households' care-roster events) and of each county's visit
 * frequencies: what the daily 关爱走访逾期 pass reads. Every write is idempotent (a redelivery changes nothing).
 */
@Injectable()
export class CareRosterStore implements OnModuleInit {
  private members!: Store<CareMemberDoc>;
  private frequencies!: Store<CountyFrequenciesDoc>;

  constructor(
    @InjectConnection() private readonly connection: Connection,
    private readonly collections: CollectionsSetup,
  ) {}

  async onModuleInit() {
    // after service-kit has made the collections (FerretDB wedges on concurrent creation and indexing)
    await this.collections.ready();
    this.members = Store.named<CareMemberDoc>(this.connection, 'care_roster');
    this.frequencies = Store.named<CountyFrequenciesDoc>(this.connection, 'care_frequencies');
    await this.members.createIndex({ removed: 1 });
  }

  /** The entry as households says it is now (added or changed); its last visit is kept. */
  async upsert(m: Omit<CareMember, 'lastVisitedOn'> & { countyCode: string }, at: string): Promise<void> {
    await this.members.updateOne(
      { _id: m._id },
      {
        $set: {
          householdId: m.householdId,
          memberId: m.memberId,
          countyCode: m.countyCode,
          townCode: m.townCode,
          villageCode: m.villageCode,
          group: m.group,
          carer: m.carer,
          since: m.since,
          updatedAt: at,
        },
        $setOnInsert: { lastVisitedOn: null, removed: false },
      },
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
