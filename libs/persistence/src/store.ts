import type {
  AnyBulkWriteOperation,
  BulkWriteOptions,
  BulkWriteResult,
  Collection,
  Db,
  CountDocumentsOptions,
  DeleteResult,
  Document,
  Filter,
  FindOneAndUpdateOptions,
  FindOptions,
  IndexSpecification,
  CreateIndexesOptions,
  OptionalUnlessRequiredId,
  UpdateFilter,
  UpdateOptions,
  UpdateResult,
  WithId,
} from 'mongodb';
import { ObjectId } from 'mongodb';
import type { Connection, Model } from 'mongoose';
import type { CloudEvent } from '@lib/contracts';
import {
  KEEP_RECORDS_ONCE_FROM,
  OUTBOX,
  OUTBOX_CHUNK,
  OUTBOX_PENDING,
  OUTBOX_SEQ,
  OutboxJournal,
  OutboxRelay,
  OutgoingRecord,
  outboxOnInsert,
  outboxOnUpdate,
  toOutgoingRecord,
} from '@lib/messaging';
import { isDuplicateKeyError, writeErrorsOf } from './duplicate-key';

/** A projection that leaves out the outbox fields (documents read by the driver carry them). */
export const WITHOUT_OUTBOX = {
  [OUTBOX]: 0,
  [OUTBOX_PENDING]: 0,
  [OUTBOX_SEQ]: 0,
  [OUTBOX_CHUNK]: 0,
} as const;

export interface StoreOptions {
  /**
   * The app's outbox relay: the collection is registered with it, and every write that carries
   * events asks it for a pass right after (the events are in the same single-document write).
   */
  relay?: OutboxRelay;
  /** The documents get their events when inserted and never later (see OutboxRelay.register). */
  insertOnly?: boolean;
}

/** An update and the events that ride with it into the document's outbox. */
export interface WriteOptions {
  events?: CloudEvent[];
}

/** The new document with its events in its outbox (nothing added when there are none). */
export function withEvents<D extends object>(doc: D, events: CloudEvent[] = []): D {
  return events.length ? { ...doc, ...outboxOnInsert(events) } : doc;
}

/** The update with its events pushed to the document's outbox (merged with the update's own $push/$set). */
export function updateWithEvents<T extends Document>(
  update: UpdateFilter<T>,
  events: CloudEvent[] = [],
): UpdateFilter<T> {
  if (!events.length) return update;
  const outbox = outboxOnUpdate(events);
  const u = update as Record<string, Document | undefined>;
  return {
    ...update,
    $push: { ...(u.$push ?? {}), ...outbox.$push },
    $set: { ...(u.$set ?? {}), ...outbox.$set },
  } as UpdateFilter<T>;
}

/**
 * Inserts of several stores of one database that go to Kafka under one outbox-journal chunk: one id
 * reserved for all of them, each write stamps its documents with it, and the chunk is appended once,
 * by `append()` after the last write, with the records of every document written in the order the
 * writes were begun. A batch that writes two collections (rules: the alerts a run raises and the
 * resolutions it records) spends one reservation and one append instead of two of each. If a write
 * fails otherwise than by duplicates, `append()` appends nothing: the relay recovers the chunk from
 * the documents stamped with its id, as it does for a single write whose writer died.
 */
export class SharedChunk {
  private id: Promise<number> | null = null;
  private readonly parts: Array<OutgoingRecord[] | null> = [];
  private failed = false;
  private appended = false;

  constructor(
    readonly journal: OutboxJournal,
    private readonly relay: OutboxRelay,
  ) {}

  /** A place for the next write's records, in the order writes begin (taken before any await). */
  slot(): number {
    if (this.appended) throw new Error('outbox journal: a write joined a shared chunk already appended');
    this.parts.push(null);
    return this.parts.length - 1;
  }

  reserve(): Promise<number> {
    this.id ??= this.journal.reserve();
    return this.id;
  }

  /** The records of the documents a write wrote (its refused duplicates left out). */
  fill(slot: number, records: OutgoingRecord[]): void {
    this.parts[slot] = records;
  }

  /** A write failed otherwise than by duplicates: the chunk is left to the relay's recovery. */
  fail(): void {
    this.failed = true;
  }

  /** Whether the write given `slot` told its records (it finished, or failed by duplicates only). */
  filled(slot: number): boolean {
    return this.parts[slot] !== null;
  }

  /** Appends the chunk (if an id was reserved and every write that joined it has finished). */
  async append(): Promise<void> {
    if (this.id === null || this.failed || this.appended) return;
    if (this.parts.some((p) => p === null))
      throw new Error('outbox journal: a shared chunk appended before every write that joined it finished');
    this.appended = true;
    await this.journal.append(await this.id, this.parts.flatMap((p) => p ?? []));
    this.relay.kick('journal');
  }
}

/**
 * One typed collection of an app's database: the only way app code reaches the driver. Filters and
 * updates are checked against the document type (no casts), writes carry their events to the
 * outbox, and inserts can treat a document that exists already as done (insert-only facts, replays).
 * Stores are not scoped: a repository serving callers wraps one in a ScopedRepository.
 */
export class Store<T extends Document> {
  private constructor(
    private readonly coll: Collection<T>,
    private readonly relay?: OutboxRelay,
    /** The app's database (once connected): inserts with events go by its outbox journal. */
    private readonly dbOf: () => Db | undefined = () => undefined,
  ) {}

  /** The collection behind a mongoose model, typed by the model's document. */
  static of<T extends Document>(model: Model<T>, options: StoreOptions = {}): Store<T> {
    // mongoose types its collection as Collection<Document>; the model's documents are T
    return Store.over(model.collection as unknown as Collection<T>, options, () => model.db.db);
  }

  /** A collection without a mongoose model (e.g. one per kind of record), by name. */
  static named<T extends Document>(
    connection: Connection,
    name: string,
    options: StoreOptions = {},
  ): Store<T> {
    return Store.over(connection.collection(name) as unknown as Collection<T>, options, () => connection.db);
  }

  /** A collection of a driver database, by name (tools and benches without mongoose). */
  static onDb<T extends Document>(db: Db, name: string, options: StoreOptions = {}): Store<T> {
    return Store.over(db.collection<T>(name), options, () => db);
  }

  private static over<T extends Document>(
    coll: Collection<T>,
    options: StoreOptions,
    dbOf: () => Db | undefined,
  ): Store<T> {
    if (options.relay) {
      options.relay.register(coll as unknown as Collection, { insertOnly: options.insertOnly });
      // from the first store on, the app's relay holds a lease and reads the journal too
      const db = dbOf();
      if (db) options.relay.useJournal(db);
    }
    return new Store(coll, options.relay, dbOf);
  }

  /** The app's outbox journal, null without a relay (or before the connection is open). */
  private journal(): OutboxJournal | null {
    const db = this.relay ? this.dbOf() : undefined;
    return db && this.relay ? this.relay.useJournal(db) : null;
  }

  /**
   * A chunk that inserts of this store and of others over the same database can share (see
   * SharedChunk); null when there is no journal (the writes then go as they would alone).
   */
  sharedChunk(): SharedChunk | null {
    const journal = this.journal();
    return journal && this.relay ? new SharedChunk(journal, this.relay) : null;
  }

  /**
   * Inserts by the journal (see OutboxJournal): reserve a chunk id, write the documents with their
   * records and that id, append the chunk with the records of the documents written. `write`
   * answers which indexes were refused as duplicates (known not written); on any other failure no
   * chunk is appended and the relay recovers it from the documents (those written, if any).
   */
  private async insertJournaled<R>(
    journal: OutboxJournal,
    docs: OptionalUnlessRequiredId<T>[],
    events: CloudEvent[][],
    write: (rows: OptionalUnlessRequiredId<T>[]) => Promise<{ refused: number[]; result: R }>,
    shared?: SharedChunk,
  ): Promise<R> {
    if (!shared) return this.insertUnderChunk(journal, docs, events, write);
    if (shared.journal !== journal)
      throw new Error(`outbox journal: ${this.collectionName} shares a chunk of another database`);
    const slot = shared.slot();
    try {
      return await this.insertUnderChunk(journal, docs, events, write, { shared, slot });
    } catch (e) {
      // failed before its records were told (the reservation, the write): left to the relay's recovery
      if (!shared.filled(slot)) shared.fail();
      throw e;
    }
  }

  /** insertJournaled's steps; under a shared chunk the records written are told to it, not appended. */
  private async insertUnderChunk<R>(
    journal: OutboxJournal,
    docs: OptionalUnlessRequiredId<T>[],
    events: CloudEvent[][],
    write: (rows: OptionalUnlessRequiredId<T>[]) => Promise<{ refused: number[]; result: R }>,
    sharing?: { shared: SharedChunk; slot: number },
  ): Promise<R> {
    const shared = sharing?.shared;
    const id = await (shared ? shared.reserve() : journal.reserve());
    const records = events.map((e) => e.map(toOutgoingRecord));
    // a large write keeps its records once, before its documents (they then carry the chunk id only);
    // not under a shared chunk: its records are kept under the chunk's id, one keeper per id
    const once = !shared && records.filter((r) => r.length).length >= KEEP_RECORDS_ONCE_FROM;
    const ids = once ? docs.map((d) => (d as { _id?: unknown })._id ?? new ObjectId()) : [];
    if (once)
      await journal.keep(
        id,
        ids.filter((_, i) => records[i].length),
        records.filter((r) => r.length),
      );
    const rows = docs.map((d, i) =>
      !records[i].length
        ? d
        : once
          ? ({ ...d, _id: ids[i], [OUTBOX_SEQ]: id } as OptionalUnlessRequiredId<T>)
          : ({ ...d, ...OutboxJournal.stamp(records[i], id) } as OptionalUnlessRequiredId<T>),
    );
    const appendAllBut = async (refused: number[]) => {
      const skip = new Set(refused);
      const written = records.flatMap((r, i) => (skip.has(i) ? [] : r));
      if (sharing) sharing.shared.fill(sharing.slot, written);
      else await journal.append(id, written);
    };
    let outcome: { refused: number[]; result: R };
    try {
      outcome = await write(rows);
    } catch (e) {
      // only duplicates: the others were written, the refused ones were not
      if (isDuplicateKeyError(e))
        await appendAllBut(docs.length === 1 ? [0] : writeErrorsOf(e).map((w) => w.index ?? -1));
      throw e;
    }
    await appendAllBut(outcome.refused);
    if (!shared) this.relay?.kick('journal');
    return outcome.result;
  }

  get collectionName(): string {
    return this.coll.collectionName;
  }

  /** The relay is asked for a pass over this collection when the write carried events. */
  private kick(events: CloudEvent[] | undefined) {
    if (events?.length) this.kickOwn();
  }

  /** A pass over this collection (its documents carry pending records). */
  private kickOwn() {
    this.relay?.kick(this.coll as unknown as Collection);
  }

  /** Inserts one document with its events; a duplicate key is thrown (see insertNew). */
  async insert(doc: OptionalUnlessRequiredId<T>, events: CloudEvent[] = []): Promise<void> {
    const journal = events.length ? this.journal() : null;
    if (journal)
      return this.insertJournaled(journal, [doc], [events], async ([row]) => {
        await this.coll.insertOne(row);
        return { refused: [], result: undefined };
      });
    await this.coll.insertOne(withEvents(doc, events));
    this.kick(events);
  }

  /** Inserts one document with its events; false (and nothing written) if its _id or unique key exists. */
  async insertNew(doc: OptionalUnlessRequiredId<T>, events: CloudEvent[] = []): Promise<boolean> {
    const journal = events.length ? this.journal() : null;
    if (journal)
      return this.insertJournaled(journal, [doc], [events], async ([row]) => {
        try {
          await this.coll.insertOne(row);
          return { refused: [], result: true };
        } catch (e) {
          if (isDuplicateKeyError(e)) return { refused: [0], result: false };
          throw e;
        }
      });
    try {
      await this.coll.insertOne(withEvents(doc, events));
    } catch (e) {
      if (isDuplicateKeyError(e)) return false;
      throw e;
    }
    this.kick(events);
    return true;
  }

  /**
   * Inserts a batch in one unordered statement, each document with its events; documents that exist
   * already are skipped, every other one is written. Returns how many were inserted and the indexes
   * (in `docs`) refused as duplicates. Any failure that is not a duplicate is thrown.
   */
  async insertManyNew(
    docs: OptionalUnlessRequiredId<T>[],
    eventsOf: (doc: OptionalUnlessRequiredId<T>) => CloudEvent[] = () => [],
    shared?: SharedChunk | null,
  ): Promise<{ inserted: number; duplicates: number[] }> {
    if (docs.length === 0) return { inserted: 0, duplicates: [] };
    const events = docs.map(eventsOf);
    const journal = events.some((e) => e.length) ? this.journal() : null;
    if (journal)
      return this.insertJournaled(
        journal,
        docs,
        events,
        async (rows) => {
          const outcome = await this.insertUnordered(rows);
          return { refused: outcome.duplicates, result: outcome };
        },
        shared ?? undefined,
      );
    const rows = docs.map((d, i) => withEvents(d, events[i]));
    const outcome = await this.insertUnordered(rows);
    this.kick(events.flat());
    return outcome;
  }

  /** insertMany unordered; duplicates are answered (their indexes), any other failure is thrown. */
  private async insertUnordered(
    rows: OptionalUnlessRequiredId<T>[],
  ): Promise<{ inserted: number; duplicates: number[] }> {
    try {
      return {
        inserted: (await this.coll.insertMany(rows, { ordered: false })).insertedCount,
        duplicates: [],
      };
    } catch (e) {
      if (!isDuplicateKeyError(e)) throw e;
      return {
        inserted: (e as { insertedCount?: number }).insertedCount ?? 0,
        duplicates: writeErrorsOf(e).map((w) => w.index ?? -1),
      };
    }
  }

  /** Inserts a batch in one unordered statement; any failure (a duplicate too) is thrown. */
  async insertMany(
    docs: OptionalUnlessRequiredId<T>[],
    eventsOf: (doc: OptionalUnlessRequiredId<T>) => CloudEvent[] = () => [],
  ) {
    if (docs.length === 0) return;
    const events = docs.map(eventsOf);
    const journal = events.some((e) => e.length) ? this.journal() : null;
    if (journal)
      return this.insertJournaled(journal, docs, events, async (rows) => {
        await this.coll.insertMany(rows, { ordered: false });
        return { refused: [], result: undefined };
      });
    await this.coll.insertMany(
      docs.map((d, i) => withEvents(d, events[i])),
      { ordered: false },
    );
    this.kick(events.flat());
  }

  async updateOne(
    filter: Filter<T>,
    update: UpdateFilter<T>,
    options: UpdateOptions & WriteOptions = {},
  ): Promise<UpdateResult<T>> {
    const { events, ...rest } = options;
    const result = await this.coll.updateOne(filter, updateWithEvents(update, events), rest);
    if (result.modifiedCount + result.upsertedCount > 0) this.kick(events);
    return result;
  }

  updateMany(
    filter: Filter<T>,
    update: UpdateFilter<T>,
    options: UpdateOptions = {},
  ): Promise<UpdateResult<T>> {
    return this.coll.updateMany(filter, update, options);
  }

  /** The document after (or before) the update, null if none matched. */
  async findOneAndUpdate(
    filter: Filter<T>,
    update: UpdateFilter<T>,
    options: FindOneAndUpdateOptions & WriteOptions = {},
  ): Promise<WithId<T> | null> {
    const { events, ...rest } = options;
    const doc = await this.coll.findOneAndUpdate(filter, updateWithEvents(update, events), {
      ...rest,
      includeResultMetadata: false,
    });
    if (doc) this.kick(events);
    return doc;
  }

  /** A batch of writes in one statement (unordered unless asked); `withEvents` set on any that carry events. */
  async bulkWrite(
    ops: AnyBulkWriteOperation<T>[],
    options: BulkWriteOptions & { carriesEvents?: boolean } = {},
  ): Promise<BulkWriteResult | null> {
    if (ops.length === 0) return null;
    const { carriesEvents, ...rest } = options;
    const result = await this.coll.bulkWrite(ops, { ordered: false, ...rest });
    if (carriesEvents) this.kickOwn();
    return result;
  }

  findOne(filter: Filter<T>, options: FindOptions = {}): Promise<WithId<T> | null> {
    return this.coll.findOne(filter, options);
  }

  find(filter: Filter<T>, options: FindOptions = {}) {
    return this.coll.find(filter, options);
  }

  countDocuments(filter: Filter<T> = {}, options: CountDocumentsOptions = {}): Promise<number> {
    return this.coll.countDocuments(filter, options);
  }

  /** Whether a document matches (counts at most one). */
  async exists(filter: Filter<T>): Promise<boolean> {
    return (await this.coll.countDocuments(filter, { limit: 1 })) > 0;
  }

  deleteOne(filter: Filter<T>): Promise<DeleteResult> {
    return this.coll.deleteOne(filter);
  }

  deleteMany(filter: Filter<T>): Promise<DeleteResult> {
    return this.coll.deleteMany(filter);
  }

  /**
   * Deletes these documents by _id, except those whose insert events the relay has not passed yet: if
   * their writer died before appending its chunk, the relay recovers the chunk from them (a document
   * deleted first would take its events with it). Answers the ids still there, for a later try (none
   * in the usual case, at the cost of the delete alone while this instance relays).
   */
  async deleteRelayed(ids: Array<T['_id']>): Promise<Array<T['_id']>> {
    if (ids.length === 0) return [];
    const upTo = this.relay ? await this.relay.relayedUpTo() : Number.POSITIVE_INFINITY;
    const byId = { _id: { $in: ids } } as Filter<T>;
    const relayed = Number.isFinite(upTo)
      ? ({ ...byId, [OUTBOX_SEQ]: { $not: { $gt: upTo } } } as Filter<T>)
      : byId;
    const { deletedCount } = await this.coll.deleteMany(relayed);
    if (deletedCount === ids.length) return [];
    const left = await this.coll.find(byId, { projection: { _id: 1 } }).toArray();
    return left.map((d) => d._id as T['_id']);
  }

  aggregate<R extends Document>(pipeline: Document[]) {
    return this.coll.aggregate<R>(pipeline);
  }

  createIndex(spec: IndexSpecification, options: CreateIndexesOptions = {}): Promise<string> {
    return this.coll.createIndex(spec, options);
  }
}
