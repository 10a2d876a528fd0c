import { Injectable } from '@nestjs/common';
import { InjectConnection, InjectModel } from '@nestjs/mongoose';
import { randomUUID } from 'node:crypto';
import { Connection, Model } from 'mongoose';
import { CloudEvent } from '@lib/contracts';
import { OutboxRelay, runWithConcurrency } from '@lib/messaging';
import {
  HOUSEHOLD_DIRECTORY_READ_MODEL,
  isDuplicateKeyError,
  READ_MODELS_COLLECTION,
  ReadModelPointer,
  Store,
} from '@lib/persistence';
import type { KnownHousehold } from '../household-directory/known-household.schema';
import { marksCollectionOf } from './coverage-collections';
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
  recordedAt?: Date;
}

/** A village-month whose counts may have changed, left for the announcer. */
export type VillageMonth = { villageCode: string; townCode: string; month: string };

/**
 * 走访覆盖's persistence: insert-only facts (each household's entry, each household-month's mark), the
 * village-months left for the announcer, and the announcements (each with coverage.changed.v1 in its
 * outbox); read-only views of the directory and the surveys for the first start on an existing database.
 * The entries and the marks are one read model in two collections, switched together: its pointer
 * (`read_models`, `_id: coverage`) names the entries' collection, the marks' is named alike
 * (coverage-collections.ts), so one write switches both (replay/coverage-replay.ts).
 */
@Injectable()
export class CoverageStore {
  private households: Store<CoverageHousehold>;
  private marks: Store<CoverageMark>;
  private readonly announcementStore: Store<CoverageAnnouncement>;
  private readonly surveys: Store<RecordedSurvey>;
  private readonly pointers: Store<ReadModelPointer>;

  constructor(
    @InjectModel(CoverageHousehold.name) households: Model<CoverageHousehold>,
    @InjectModel(CoverageMark.name) marks: Model<CoverageMark>,
    @InjectModel(CoverageAnnouncement.name) announcements: Model<CoverageAnnouncement>,
    @InjectModel(CoveragePending.name) private readonly pending: Model<CoveragePending>,
    @InjectConnection() private readonly db: Connection,
    relay: OutboxRelay,
  ) {
    // every read and write of the entries and marks goes to the collections in use (useCollection)
    this.households = Store.of(households);
    this.marks = Store.of(marks);
    this.announcementStore = Store.of(announcements, { relay });
    this.surveys = Store.named(db, 'surveys');
    this.pointers = Store.named(db, READ_MODELS_COLLECTION);
  }

  /** The entries' collection in use (the marks' is named alike). */
  get collectionName(): string {
    return this.households.collectionName;
  }

  /** Reads and writes the entries in `name` and the marks beside it from now on. */
  useCollection(name: string): void {
    if (name === this.households.collectionName) return;
    this.households = Store.named<CoverageHousehold>(this.db, name);
    this.marks = Store.named<CoverageMark>(this.db, marksCollectionOf(name));
  }

  hasHouseholds(): Promise<boolean> {
    return this.households.exists({});
  }

  hasMarks(): Promise<boolean> {
    return this.marks.exists({});
  }

  /**
   * The directory's households not closed, from the directory's collection in use (its pointer, the
   * one a replay rebuilt): a cursor, the first start copies them in batches.
   */
  async openKnownHouseholds() {
    const pointer = await this.pointers.findOne({ _id: HOUSEHOLD_DIRECTORY_READ_MODEL });
    const known = Store.named<KnownHousehold>(this.db, pointer?.collection ?? 'known_households');
    return known.find({ closedOn: { $exists: false } });
  }

  recordedSurveys(): Promise<RecordedSurvey[]> {
    return this.surveys
      .find(
        {},
        {
          projection: { householdId: 1, month: 1, villageCode: 1, townCode: 1, visitedAt: 1, recordedAt: 1 },
        },
      )
      .toArray();
  }

  /** Entries written once: those already there are kept. */
  async addHouseholds(entries: CoverageHousehold[]): Promise<void> {
    await this.households.insertManyNew(entries);
  }

  /** One equality lookup per id, a few at a time (FerretDB scans the collection for `$in`: find-each.ts). */
  async householdsWithIds(ids: string[]): Promise<CoverageHousehold[]> {
    const found: CoverageHousehold[] = [];
    await runWithConcurrency([...new Set(ids)], 32, async (_id) => {
      const h = await this.households.findOne({ _id });
      if (h) found.push(h);
    });
    return found;
  }

  /** Marks written once per household and month: those already there are kept. */
  async addMarks(marks: CoverageMark[]): Promise<void> {
    await this.marks.insertManyNew(marks);
  }

  /** The household out of coverage: its entry and its marks removed; the months it was marked in. */
  async removeHousehold(householdId: string): Promise<string[]> {
    const marks = await this.marks.find({ householdId }, { projection: { month: 1 } }).toArray();
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
      this.households.aggregate<GroupRow>([{ $match: { [field]: code } }, group]).toArray(),
      this.marks.aggregate<GroupRow>([{ $match: { [field]: code, month } }, group]).toArray(),
    ]);
  }

  /** A village's households and its marks of a month. */
  villageMonth(villageCode: string, month: string): Promise<[CoverageHousehold[], CoverageMark[]]> {
    return Promise.all([
      this.households.find({ villageCode }).toArray(),
      this.marks.find({ villageCode, month }).toArray(),
    ]);
  }
}
