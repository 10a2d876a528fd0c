import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { Connection } from 'mongoose';
import { pairedScopeFilter, Scope } from '@lib/auth';
import { CareFrequencies, CloudEvent } from '@lib/contracts';
import { OUTBOX_PENDING, OutboxRelay } from '@lib/messaging';
import { isDuplicateKeyError, Store, WITHOUT_OUTBOX } from '@lib/persistence';
import { serially } from '../serially';
import { Person, RosterEntry } from './domain/roster';

export interface RosterVisit {
  _id: string;
  rosterId: string;
  householdId: string;
  countyCode: string;
  townCode: string;
  villageCode: string;
  visitedOn: string;
  visitor: Person;
  note?: string;
  location?: { latitude: number; longitude: number };
  at: Date;
  by: string;
}

export interface CountyFrequencies {
  _id: string;
  frequencies: CareFrequencies;
  at: Date;
  by: string;
}

const hidden = { projection: WITHOUT_OUTBOX };

/**
 * 关爱服务名册: the entries (changed in place, their events in the same write), the visits (insert-only)
 * and each county's visit frequencies. Reads take the caller's scope; in units held only as 帮扶责任人,
 * the entries paired with the caller.
 */
@Injectable()
export class CareRosterStore implements OnModuleInit {
  private entries!: Store<RosterEntry>;
  private visits!: Store<RosterVisit>;
  private frequencies!: Store<CountyFrequencies>;

  constructor(
    @InjectConnection() private readonly connection: Connection,
    private readonly relay: OutboxRelay,
  ) {}

  async onModuleInit() {
    const plain = {
      entries: Store.named<RosterEntry>(this.connection, 'care_roster'),
      visits: Store.named<RosterVisit>(this.connection, 'care_roster_visits'),
      frequencies: Store.named<CountyFrequencies>(this.connection, 'care_frequencies'),
    };
    await serially(async () => {
      await plain.entries.createIndex({ activeKey: 1 }, { unique: true });
      await plain.entries.createIndex({ villageCode: 1 });
      await plain.entries.createIndex({ [OUTBOX_PENDING]: 1 });
      await plain.visits.createIndex({ rosterId: 1 });
      await plain.visits.createIndex({ [OUTBOX_PENDING]: 1 });
      await plain.frequencies.createIndex({ [OUTBOX_PENDING]: 1 });
    });
    this.entries = Store.named<RosterEntry>(this.connection, 'care_roster', { relay: this.relay });
    this.visits = Store.named<RosterVisit>(this.connection, 'care_roster_visits', {
      relay: this.relay,
      insertOnly: true,
    });
    this.frequencies = Store.named<CountyFrequencies>(this.connection, 'care_frequencies', {
      relay: this.relay,
    });
  }

  private within(scope: Scope, query: Record<string, unknown>) {
    return scope.all ? query : { $and: [query, pairedScopeFilter(scope)] };
  }

  /** false when the person is on the roster in this group already. */
  add(entry: RosterEntry, events: CloudEvent[]): Promise<boolean> {
    return this.entries.insertNew(entry, events);
  }

  one(scope: Scope, id: string): Promise<RosterEntry | null> {
    return this.entries.findOne(this.within(scope, { _id: id, removedAt: null }), hidden);
  }

  /** Every entry on the roster within the scope matching the filter, oldest first (a village's roster is small). */
  list(scope: Scope, filter: { townCode?: string; villageCode?: string; group?: string }, limit = 5_000) {
    const query = Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined));
    return this.entries
      .find(this.within(scope, { ...query, removedAt: null }), hidden)
      .sort({ villageCode: 1, addedAt: 1 })
      .limit(limit)
      .toArray();
  }

  /** A household's entries on the roster, oldest first (its page shows them; the caller saw the household). */
  ofHousehold(householdId: string) {
    return this.entries.find({ householdId, removedAt: null }, hidden).sort({ addedAt: 1 }).toArray();
  }

  /** Writes the entry's new fields if it is still as read (false: changed meanwhile, or a duplicate group). */
  async change(before: RosterEntry, set: Partial<RosterEntry>, events: CloudEvent[]): Promise<boolean> {
    try {
      const r = await this.entries.updateOne(
        {
          _id: before._id,
          removedAt: null,
          activeKey: before.activeKey,
          changedAt: before.changedAt ?? null,
        },
        { $set: set },
        { events },
      );
      return r.modifiedCount === 1;
    } catch (e) {
      if (isDuplicateKeyError(e)) return false;
      throw e;
    }
  }

  /** Records the visit (with its event), then moves the entry's last visit forward. */
  async visit(visit: RosterVisit, events: CloudEvent[]): Promise<void> {
    await this.visits.insert(visit, events);
    await this.entries.updateOne(
      {
        _id: visit.rosterId,
        $or: [{ lastVisitedOn: null }, { lastVisitedOn: { $lt: visit.visitedOn } }],
      },
      { $set: { lastVisitedOn: visit.visitedOn } },
    );
  }

  visitsOf(rosterId: string, limit = 50) {
    return this.visits.find({ rosterId }, hidden).sort({ visitedOn: -1, at: -1 }).limit(limit).toArray();
  }

  /** The counties' own frequencies (absent: the defaults). */
  async frequenciesOf(countyCodes: string[]): Promise<Map<string, CareFrequencies>> {
    const docs = await this.frequencies.find({ _id: { $in: [...new Set(countyCodes)] } }, hidden).toArray();
    return new Map(docs.map((d) => [d._id, d.frequencies]));
  }

  async setFrequencies(doc: CountyFrequencies, events: CloudEvent[]): Promise<void> {
    await this.frequencies.updateOne(
      { _id: doc._id },
      { $set: { frequencies: doc.frequencies, at: doc.at, by: doc.by } },
      { upsert: true, events },
    );
  }
}
