import { Logger } from '@nestjs/common';
import type { AnyBulkWriteOperation, Collection, Db, Document } from 'mongodb';
import { CloudEvent } from '@lib/contracts';
import { EventPublisher, OutgoingRecord, toOutgoingRecord } from '../producer/event-publisher';
import { outboxMetrics } from '../observability/metrics';
import {
  DEFAULT_JOURNAL_OPTIONS,
  JournalOptions,
  OUTBOX_CHUNK,
  OUTBOX_SEQ,
  OutboxJournal,
  decodeRecordsSync,
} from './journal';
import { inParallelBulks } from './parallel-bulks';

/**
 * Transactional outbox without transactions (FerretDB 1.x and MongoDB alike): the state change and
 * its events are ONE single-document write — the events ride in the document's `_outbox` list and
 * `_outboxAt` marks it pending. The relay publishes pending records, then removes them ($pullAll) and clears the
 * mark only if the list is empty (a concurrent write's new events keep it pending).
 * So an acknowledged write is published even if Kafka is down or the app dies right after it.
 */
export const OUTBOX = '_outbox';
/** true while the document has records not yet published (an equality flag: FerretDB 1.x pushes
 * equality filters down to PostgreSQL but scans the whole collection for $gt/$in). */
export const OUTBOX_PENDING = '_outboxPending';

/** Schema fields for a mongoose schema whose documents carry an outbox. */
export const outboxSchemaFields: Record<string, object> = {
  [OUTBOX]: { type: [Object], default: undefined, select: false },
  [OUTBOX_PENDING]: { type: Boolean, default: false, index: true, select: false },
  [OUTBOX_SEQ]: { type: Number, index: true, select: false },
  // deflated records (a Buffer, see OutboxJournal.stamp); Mixed so mongoose leaves it as written
  [OUTBOX_CHUNK]: { type: Object, default: undefined, select: false },
};

/**
 * Two ways, one relay. Inserts through libs/persistence's Store go by the journal (./journal.ts): the
 * records ride in the new document (for recovery) and in an append-only chunk read by a cursor — no
 * statement per document afterwards. Updates (and inserts made with outboxOnInsert directly) keep
 * the pending list in the document, cleared by the relay as below.
 */
/** Fields to put in a new document so its events are published with it. */
export function outboxOnInsert(events: CloudEvent[]): Record<string, unknown> {
  return { [OUTBOX]: events.map(toOutgoingRecord), [OUTBOX_PENDING]: true };
}

/** Update operators to merge into an update so its events are published with it. */
export function outboxOnUpdate(events: CloudEvent[]): { $push: Document; $set: Document } {
  return {
    $push: { [OUTBOX]: { $each: events.map(toOutgoingRecord) } },
    $set: { [OUTBOX_PENDING]: true },
  };
}

interface PendingDoc {
  _id: Document['_id'];
  [OUTBOX]?: OutgoingRecord[];
}

export class OutboxRelay {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly collections: Collection[] = [];
  private readonly insertOnly = new Set<Collection>();
  /** Collections written with pending records since they were last scanned (see kick). */
  private readonly dirty = new Set<Collection>();
  private lastFullScan = 0;
  private running: Promise<void> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  private stopped = true;
  private failures = 0;
  /** Records published since start (for health and tests). */
  published = 0;
  /** The app's journal (set by the first Store over the app's database), null before. */
  journal: OutboxJournal | null = null;
  /** The journal cursor while this instance holds the app's relay lease, null otherwise. */
  private cursor: number | null = null;

  constructor(
    private readonly publisher: EventPublisher,
    private readonly options: {
      pollIntervalMs: number;
      batchSize: number;
      /** Every registered collection scanned for pending documents at least this often (5 s). */
      fullScanMs?: number;
      journal?: Partial<JournalOptions>;
    } = {
      pollIntervalMs: 1_000,
      batchSize: 200,
    },
  ) {}

  /**
   * Relays the journal of this database (the app's one database; later calls with another are
   * ignored). From then on one instance of the app relays at a time: the holder of a lease in the
   * database, taken over by another instance when it is not renewed for `leaseMs`.
   */
  useJournal(db: Db): OutboxJournal {
    this.journal ??= new OutboxJournal(db, { ...DEFAULT_JOURNAL_OPTIONS, ...this.options.journal });
    return this.journal;
  }

  /**
   * The journal's chunks up to this id are published (or recovered from their documents): a document
   * written by one of them may be deleted without taking its records from a recovery. Infinity when
   * there is no journal. This instance's cursor while it relays, the stored one otherwise.
   */
  async relayedUpTo(): Promise<number> {
    if (!this.journal) return Number.POSITIVE_INFINITY;
    return this.cursor ?? (await this.journal.cursor());
  }

  /**
   * `insertOnly`: the collection's documents get their events when inserted and never later (e.g.
   * check-ins), so a page is cleared with one statement instead of one guarded update per document.
   */
  register(collection: Collection, options: { insertOnly?: boolean } = {}): void {
    if (!this.collections.includes(collection)) this.collections.push(collection);
    if (options.insertOnly) this.insertOnly.add(collection);
  }

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  /**
   * Ask for a pass now (after a write); passes are coalesced. `what` was written: the journal (its
   * chunks are read, no collection is scanned), one collection's documents (that one is scanned
   * for pending records), or — unsaid — anything (every collection is scanned). Every collection
   * is scanned at least every `fullScanMs` whatever the kicks (writes of other instances, whose
   * events wait that long at most: on FerretDB 1.x each scan reads the whole collection).
   */
  kick(what?: Collection | 'journal'): void {
    if (what === undefined) for (const c of this.collections) this.dirty.add(c);
    else if (what !== 'journal') this.dirty.add(what);
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.schedule(0);
  }

  private schedule(delayMs: number) {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.pass();
    }, delayMs);
  }

  private async pass(): Promise<void> {
    if (this.running || this.stopped) return;
    let more = false;
    this.running = (async () => {
      try {
        if (this.journal) {
          this.cursor = await this.journal.lease();
          if (this.cursor === null) return; // another instance relays; this one takes over if it stops
        }
        let steps = 0;
        do {
          this.again = false;
          more = await this.relayJournal();
          // documents with pending records (updates) wait while a journal backlog drains (they would
          // wait for it anyway, see journalCaughtUp), but are looked at every few steps
          if (!more || ++steps % 8 === 0) more = (await this.relayCollections()) || more;
        } while ((this.again || more) && !this.stopped && (!this.journal || this.cursor !== null));
        this.failures = 0;
      } catch (e) {
        this.failures++;
        outboxMetrics.relayFailures.inc();
        if (this.failures === 1 || this.failures % 30 === 0)
          this.logger.warn(`outbox relay failed (${this.failures}x), will retry: ${(e as Error).message}`);
      }
    })();
    await this.running;
    this.running = null;
    const delay =
      this.failures > 0
        ? Math.min(10_000, 250 * 2 ** Math.min(this.failures, 6))
        : this.options.pollIntervalMs;
    this.schedule(this.again ? 0 : delay);
  }

  /**
   * Publishes a page of pending records of the collections written since they were last scanned,
   * or of all of them every `fullScanMs` (a scan for pending documents reads the whole
   * collection on FerretDB 1.x); true if more may be pending.
   */
  private async relayCollections(): Promise<boolean> {
    const all = Date.now() - this.lastFullScan >= (this.options.fullScanMs ?? 5_000);
    if (all) this.lastFullScan = Date.now();
    const scan = all ? [...this.collections] : this.collections.filter((c) => this.dirty.has(c));
    for (const c of scan) this.dirty.delete(c); // a write from now on marks it again
    let more = false;
    for (const c of scan) {
      if (await this.relayCollection(c)) {
        this.dirty.add(c);
        more = true;
      }
    }
    return more;
  }

  /** Publishes journal chunks after the cursor until none is ready; true if more may be waiting. */
  private async relayJournal(): Promise<boolean> {
    const journal = this.journal;
    if (!journal || this.cursor === null) return false;
    const step = await journal.relayFrom(
      this.cursor,
      (records) => this.publisher.sendRecords(records),
      (id) => this.recover(id),
    );
    this.published += step.published;
    outboxMetrics.published.inc(step.published);
    this.cursor = step.lost ? null : step.cursor;
    return step.more;
  }

  /** The records of a chunk whose writer died before appending it, from the documents it wrote. */
  private async recover(id: number): Promise<OutgoingRecord[]> {
    const records: OutgoingRecord[] = [];
    // a large write kept its records once, beside the journal: those of the documents found are taken
    const kept = (await this.journal?.kept(id)) ?? null;
    for (const c of this.collections) {
      const docs = (await c
        .find({ [OUTBOX_SEQ]: id }, { projection: { [OUTBOX_CHUNK]: 1 } })
        .toArray()) as Document[];
      for (const d of docs) {
        const own = (d as Record<string, unknown>)[OUTBOX_CHUNK];
        records.push(...(own != null ? decodeRecordsSync(own) : (kept?.get(String(d._id)) ?? [])));
      }
    }
    if (records.length)
      this.logger.warn(
        `outbox journal: chunk ${id} recovered from its documents (${records.length} records)`,
      );
    return records;
  }

  /**
   * The journal is published up to what was reserved when `docs` were read: an update's events
   * then never overtake the insert events of its document (per-key order across both ways).
   */
  private async journalCaughtUp(): Promise<boolean> {
    if (!this.journal) return true;
    const reserved = await this.journal.reserved();
    while (this.cursor !== null && this.cursor < reserved) {
      const before: number = this.cursor;
      await this.relayJournal();
      if (this.cursor === before) return false;
    }
    return this.cursor !== null;
  }

  /** Publishes one page of pending records of a collection; true if more may be pending. */
  async relayCollection(collection: Collection): Promise<boolean> {
    const docs = (await collection
      .find({ [OUTBOX_PENDING]: true }, { projection: { [OUTBOX]: 1 } })
      .limit(this.options.batchSize)
      .toArray()) as PendingDoc[];
    if (docs.length === 0) return false;
    if (!(await this.journalCaughtUp())) return false; // a chunk is still being written: next pass
    const records = docs.flatMap((d) => d[OUTBOX] ?? []);
    await this.publisher.sendRecords(records);
    this.published += records.length;
    outboxMetrics.published.inc(records.length);
    if (this.insertOnly.has(collection)) {
      // nothing appends events to these documents after the insert: what was read is all there is
      await collection.updateMany(
        { [OUTBOX_PENDING]: true, _id: { $in: docs.map((d) => d._id) } },
        { $set: { [OUTBOX]: [], [OUTBOX_PENDING]: false } },
      );
      return docs.length === this.options.batchSize;
    }
    // Common case, one statement per document: the outbox is still exactly what we published.
    const clears = docs.map((d) => ({
      updateOne: {
        filter: { _id: d._id, [OUTBOX]: d[OUTBOX] ?? [] },
        update: { $set: { [OUTBOX]: [], [OUTBOX_PENDING]: false } },
      },
    })) as AnyBulkWriteOperation[];
    const cleared = await Promise.all(
      inParallelBulks(clears).map((bulk) => collection.bulkWrite(bulk, { ordered: false })),
    );
    if (cleared.reduce((n, r) => n + r.matchedCount, 0) < docs.length) {
      // A write added records meanwhile: remove just the published ones ($pullAll with the records
      // exactly as read — FerretDB 1.x ignores $pull with a condition) and clear the flag only if empty.
      await collection.bulkWrite(
        docs.flatMap((d) => [
          {
            updateOne: {
              filter: { _id: d._id },
              update: { $pullAll: { [OUTBOX]: d[OUTBOX] ?? [] } } as Document,
            },
          },
          {
            updateOne: {
              filter: { _id: d._id, [OUTBOX]: { $size: 0 } },
              update: { $set: { [OUTBOX_PENDING]: false } },
            },
          },
        ]) as AnyBulkWriteOperation[],
        { ordered: true },
      );
    }
    return docs.length === this.options.batchSize;
  }

  /** Counts documents (and journal chunks) with records not yet published (for health and tests). */
  async pendingCount(): Promise<number> {
    let n = this.journal ? (await this.journal.backlog()).chunks : 0;
    for (const c of this.collections) n += await c.countDocuments({ [OUTBOX_PENDING]: true });
    return n;
  }

  /**
   * The backlog: documents with records not yet published and the time of the oldest such record
   * (null when none). The age looks at the first `sample` pending documents of each collection
   * (they are found in insertion order, so the oldest is among them unless a page was retried).
   */
  async backlog(sample = 100): Promise<{ documents: number; oldestAt: Date | null }> {
    let documents = 0;
    let oldest: number | null = null;
    if (this.journal) {
      // chunks reserved after the cursor (one per write), and when the first of them was appended
      const { chunks, oldestAt } = await this.journal.backlog();
      documents += chunks;
      if (oldestAt) oldest = oldestAt.getTime();
    }
    for (const c of this.collections) {
      const n = await c.countDocuments({ [OUTBOX_PENDING]: true });
      documents += n;
      if (n === 0) continue;
      const docs = (await c
        .find({ [OUTBOX_PENDING]: true }, { projection: { [OUTBOX]: 1 } })
        .limit(sample)
        .toArray()) as PendingDoc[];
      for (const r of docs.flatMap((d) => d[OUTBOX] ?? [])) {
        const t = Date.parse(r.at ?? timeOf(r.value));
        if (!Number.isNaN(t) && (oldest === null || t < oldest)) oldest = t;
      }
    }
    return { documents, oldestAt: oldest === null ? null : new Date(oldest) };
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
    if (this.journal && this.cursor !== null) {
      this.cursor = null;
      await this.journal.release().catch(() => undefined); // the next instance takes over at once
    }
    await this.journal?.stop();
  }
}

function timeOf(value: string): string {
  try {
    return String((JSON.parse(value) as { time?: unknown }).time ?? '');
  } catch {
    return '';
  }
}
