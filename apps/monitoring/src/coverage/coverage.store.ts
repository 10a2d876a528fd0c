import { Injectable } from '@nestjs/common';
import { InjectConnection, InjectModel } from '@nestjs/mongoose';
import { randomUUID } from 'node:crypto';
import { Connection, Model } from 'mongoose';
import { CloudEvent } from '@lib/contracts';
import { OutboxRelay } from '@lib/messaging';
import { isDuplicateKeyError, Store } from '@lib/persistence';
import { findEach } from '@lib/service-kit';
import type { KnownHousehold } from '../household-directory/known-household.schema';
import { CoverageAnnouncement, CoverageHousehold, CoverageMark, CoveragePending } from './coverage.schema';

export type UnitField = 'countyCode' | 'townCode' | 'villageCode';

export interface GroupRow {
  _id: { v: string; m: string | null; d: number | null };
  n: number;
}

/** The surveys' fields coverage copies when it first starts on an existing database. */
export interface RecordedSurvey {
  _id: string;
  householdId: string;
  month: string;
  townCode: string;
  villageCode: string;
  visitedAt: Date;
}

/** A village-month whose counts may have changed, left for the announcer. */
export type VillageMonth = { villageCode: string; townCode: string; month: string };

/**
 * 走访覆盖's persistence: insert-only facts (each household's entry, each household-month's mark), the
 * village-months left for the announcer, and the announcements (each with coverage.changed.v1 in its
 * outbox); read-only views of the directory and the surveys for the first start on an existing database.
 */
@Injectable()
export class CoverageStore {
  private readonly householdStore: Store<CoverageHousehold>;
  private readonly markStore: Store<CoverageMark>;
  private readonly announcementStore: Store<CoverageAnnouncement>;
  private readonly known: Store<KnownHousehold>;
  private readonly surveys: Store<RecordedSurvey>;

  constructor(
    @InjectModel(CoverageHousehold.name) private readonly households: Model<CoverageHousehold>,
    @InjectModel(CoverageMark.name) private readonly marks: Model<CoverageMark>,
    @InjectModel(CoverageAnnouncement.name) announcements: Model<CoverageAnnouncement>,
    @InjectModel(CoveragePending.name) private readonly pending: Model<CoveragePending>,
    @InjectConnection() db: Connection,
    relay: OutboxRelay,
  ) {
    this.householdStore = Store.of(households);
    this.markStore = Store.of(marks);
    this.announcementStore = Store.of(announcements, { relay });
    this.known = Store.named(db, 'known_households');
    this.surveys = Store.named(db, 'surveys');
  }

  async hasHouseholds(): Promise<boolean> {
    return (await this.households.estimatedDocumentCount()) > 0;
  }

  async hasMarks(): Promise<boolean> {
    return (await this.marks.estimatedDocumentCount()) > 0;
  }

  /** The directory's households not closed (a cursor: the first start copies them in batches). */
  openKnownHouseholds() {
    return this.known.find({ closedOn: { $exists: false } });
  }

  recordedSurveys(): Promise<RecordedSurvey[]> {
    return this.surveys
      .find({}, { projection: { householdId: 1, month: 1, villageCode: 1, townCode: 1, visitedAt: 1 } })
      .toArray();
  }

  /** Entries written once: those already there are kept. */
  async addHouseholds(entries: CoverageHousehold[]): Promise<void> {
    await this.householdStore.insertManyNew(entries);
  }

  householdsWithIds(ids: string[]): Promise<CoverageHousehold[]> {
    return findEach(this.households, '_id', ids);
  }

  /** Marks written once per household and month: those already there are kept. */
  async addMarks(marks: CoverageMark[]): Promise<void> {
    await this.markStore.insertManyNew(marks);
  }

  /** The household out of coverage: its entry and its marks removed; the months it was marked in. */
  async removeHousehold(householdId: string): Promise<string[]> {
    const marks = await this.marks
      .find({ householdId }, { month: 1 })
      .lean<Array<{ month: string }>>()
      .exec();
    await this.households.deleteOne({ _id: householdId });
    await this.marks.deleteMany({ householdId });
    return marks.map((m) => m.month);
  }

  /** Leaves village-months for the announcer (coalesced; an unchanged state is announced once). */
  async touchPending(marks: VillageMonth[]): Promise<void> {
    const touched = new Map(marks.map((m) => [`${m.villageCode}:${m.month}`, m] as const));
    if (touched.size === 0) return;
    const touch = () =>
      this.pending.bulkWrite(
        [...touched].map(([id, m]) => ({
          updateOne: {
            filter: { _id: id },
            update: {
              $set: { villageCode: m.villageCode, townCode: m.townCode, month: m.month, touch: randomUUID() },
            },
            upsert: true,
          },
        })),
        { ordered: false },
      );
    // two batches creating the same pending doc at once: one gets a duplicate key; the retry updates it
    await touch().catch((e) => {
      if (!isDuplicateKeyError(e)) throw e;
      return touch();
    });
  }

  pendingBatch(): Promise<CoveragePending[]> {
    return this.pending.find({}).limit(200).lean<CoveragePending[]>().exec();
  }

  /** Done with a pending village-month, unless it was touched again meanwhile. */
  async donePending(p: CoveragePending): Promise<void> {
    await this.pending.deleteOne({ _id: p._id, touch: p.touch });
  }

  /** The announcement with its event; an announcement of the same state exists already: nothing. */
  async announce(a: CoverageAnnouncement, events: CloudEvent[]): Promise<void> {
    await this.announcementStore.insertNew(a, events);
  }

  /** Per-village buckets (village, from-month, from-day) of households, and of marks in a month. */
  groups(field: UnitField, code: string, month: string): Promise<[GroupRow[], GroupRow[]]> {
    const group = {
      $group: { _id: { v: '$villageCode', m: '$fromMonth', d: '$fromDay' }, n: { $sum: 1 } },
    };
    return Promise.all([
      this.households.aggregate<GroupRow>([{ $match: { [field]: code } }, group]).exec(),
      this.marks.aggregate<GroupRow>([{ $match: { [field]: code, month } }, group]).exec(),
    ]);
  }

  /** A village's households and its marks of a month. */
  villageMonth(villageCode: string, month: string): Promise<[CoverageHousehold[], CoverageMark[]]> {
    return Promise.all([
      this.households.find({ villageCode }).lean<CoverageHousehold[]>().exec(),
      this.marks.find({ villageCode, month }).lean<CoverageMark[]>().exec(),
    ]);
  }
}
