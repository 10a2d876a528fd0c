import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { Scope } from '@lib/auth';
import { CloudEvent } from '@lib/contracts';
import { OutboxRelay } from '@lib/messaging';
import { Store } from '@lib/persistence';
import { ScopedCollection } from '../scoped-collection';
import { findAllEach, ofMembersOnDays, onDays } from '../equality-lookups';
import { CheckIn, UnmatchedCheckIn } from './check-in.schema';

/** All database access for check-ins (matched and unmatched). */
@Injectable()
export class CheckInsStore {
  constructor(
    @InjectModel(CheckIn.name) private readonly checkIns: Model<CheckIn>,
    @InjectModel(UnmatchedCheckIn.name) private readonly unmatched: Model<UnmatchedCheckIn>,
    relay: OutboxRelay,
  ) {
    this.scopedCheckIns = new ScopedCollection(checkIns);
    this.scopedUnmatched = new ScopedCollection(unmatched);
    // check-ins are inserted with their checkin.accepted event and never updated with another
    this.checkInStore = Store.of(checkIns, { relay, insertOnly: true });
    this.unmatchedStore = Store.of(unmatched);
  }

  private readonly scopedCheckIns: ScopedCollection<CheckIn>;
  private readonly scopedUnmatched: ScopedCollection<UnmatchedCheckIn>;
  private readonly checkInStore: Store<CheckIn>;
  private readonly unmatchedStore: Store<UnmatchedCheckIn>;

  /**
   * Stores new check-ins with their events (one document each) in one unordered insert: a
   * duplicate key is a record seen before, any other write error a fault. Returns the ids that were new.
   */
  async insertNew(items: Array<{ checkIn: CheckIn; events: CloudEvent[] }>): Promise<Set<string>> {
    const events = new Map(items.map((i) => [i.checkIn, i.events]));
    const { duplicates } = await this.checkInStore.insertManyNew(
      items.map((i) => i.checkIn),
      (c) => events.get(c as CheckIn) ?? [],
    );
    const refused = new Set(duplicates);
    return new Set(items.filter((_, i) => !refused.has(i)).map((i) => i.checkIn._id));
  }

  async insertUnmatched(docs: UnmatchedCheckIn[]): Promise<Set<string>> {
    const { duplicates } = await this.unmatchedStore.insertManyNew(docs);
    const refused = new Set(duplicates);
    return new Set(docs.filter((_, i) => !refused.has(i)).map((d) => d._id));
  }

  /**
   * Check-ins kept aside for a DingTalk user no member was mapped to (not those kept aside for a
   * client's org unit).
   */
  unmatchedOfUser(userId: string): Promise<UnmatchedCheckIn[]> {
    return findAllEach(this.unmatched, [{ userId, reason: 'unknown userId' }]);
  }

  async dropUnmatched(ids: string[]): Promise<void> {
    for (const _id of ids) await this.unmatched.deleteOne({ _id }).exec();
  }

  /** The check-ins of these member-days, one equality lookup each (index memberId + day). */
  ofMemberDays(memberDays: Array<{ memberId: string; day: string }>) {
    return findAllEach(
      this.checkIns,
      memberDays.map(({ memberId, day }) => ({ memberId, day })),
    );
  }

  /** The check-ins made with these devices on these days, one equality lookup each (index day + deviceSN). */
  onDayDevices(dayDevices: Array<{ day: string; deviceSN: string }>) {
    return findAllEach(
      this.checkIns,
      dayDevices.map(({ day, deviceSN }) => ({ day, deviceSN })),
    );
  }

  /** Every check-in of these members on these days (presence and replays). */
  ofMembersOnDays(memberIds: string[], days: string[]) {
    return ofMembersOnDays(this.checkIns, memberIds, days);
  }

  /**
   * Every check-in on these days (presence and replays), one equality lookup per day: a batch costs
   * a query per day it touches, whatever the collection's size (FerretDB scans it for `$in`), and
   * the day's other users of a device come with it.
   */
  onDays(days: string[]) {
    return onDays(this.checkIns, days);
  }

  list(scope: Scope, filter: { memberId?: string; day?: string }, page: number, pageSize: number) {
    return this.scopedCheckIns.page(scope, filter, { checkTime: -1, _id: 1 }, page, pageSize);
  }

  /** Unmatched check-ins of the units the scope covers (those of no known unit: the service only). */
  listUnmatched(scope: Scope, filter: { userId?: string; source?: string }, page: number, pageSize: number) {
    return this.scopedUnmatched.page(scope, filter, { receivedAt: -1, _id: 1 }, page, pageSize);
  }
}
