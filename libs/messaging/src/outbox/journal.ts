import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { deflateRaw, deflateRawSync, inflateRaw, inflateRawSync } from 'node:zlib';
import type { Collection, Db, Document } from 'mongodb';
import type { OutgoingRecord } from '../producer/event-publisher';

/**
 * The outbox journal: an append-only collection of chunks, one per write that carries events, with
 * consecutive integer ids (1, 2, 3, …) from a counter. The relay keeps a cursor (the last chunk
 * published) and reads the chunks after it by `_id` — the only lookup FerretDB 1.x answers without
 * scanning the collection (with deploy/local/ferretdb's patch) — several in one query, sends their
 * records in one batch and advances the cursor in one statement. Published chunks are removed in bulk
 * by a periodic range delete.
 *
 * Writer protocol (no transactions, single-document writes):
 *   1. reserve a chunk id n (one `$inc` on the counter);
 *   2. write the business documents with their records and `_outboxSeq: n` (one statement);
 *   3. append chunk n with the records of what was written (one statement; an empty chunk when
 *      nothing was written, so the relay is not held up).
 * If the app dies between 2 and 3, chunk n is missing: after `gapGraceMs` the relay looks for
 * documents with `_outboxSeq: n` (an equality lookup per registered collection) and writes chunk n
 * from their records itself — or an empty one if the write never happened. A small write carries each
 * document's records in the document; a large one keeps them once before step 2 (`keep`), and the
 * relay takes from there the records of the documents it finds. A writer whose append
 * then finds chunk n taken appends its records again under a new id (a duplicate at worst, never a loss).
 */
export const OUTBOX_JOURNAL = 'outbox_journal';
export const OUTBOX_STATE = 'outbox_state';
/** The journal chunk that carries the document's insert events (for the relay's gap recovery). */
export const OUTBOX_SEQ = '_outboxSeq';
/**
 * Those events in the document, read only to rebuild a lost chunk (kept apart from `_outbox`, so a
 * later update's pending list does not send them again).
 */
export const OUTBOX_CHUNK = '_outboxChunk';

export interface JournalChunk {
  _id: number;
  at: Date;
  /** How many records. */
  n: number;
  /**
   * The records as one JSON text, deflated (see encodeRecords): FerretDB converts a document field
   * by field and its bytes at a few MB/s, so one compressed value instead of hundreds of small
   * objects makes a chunk cheap to write and read. (A plain JSON string from an older writer is read too.)
   */
  records: Uint8Array | string;
  /** Written by the relay after a writer died between its write and its append. */
  recovered?: boolean;
}

/** A large write's records, kept once for recovery (OutboxJournal.keep): `_id` is minus its chunk's id. */
interface KeptRecords {
  _id: number;
  at: Date;
  /** The documents of the write, in order; `counts[i]` of the records belong to `docIds[i]`. */
  docIds: unknown[];
  counts: number[];
  /** All the write's records, deflated (encodeRecords). */
  records: Uint8Array;
}

/** A write of at least this many documents with events keeps its records once (keep), not in each document. */
export const KEEP_RECORDS_ONCE_FROM = 128;

interface CounterDoc {
  _id: 'seq';
  n: number;
}
interface LeaseDoc {
  _id: 'relay';
  holder: string;
  until: Date;
  cursor: number;
}

export interface JournalOptions {
  /** How long a relay holds the app's lease without renewing it (another instance takes over after). */
  leaseMs: number;
  /** How long a missing chunk may stay missing before the relay recovers it from the documents. */
  gapGraceMs: number;
  /** Chunks read at once (one query by `_id`). */
  readAhead: number;
  /** At most this many records in one send. */
  maxRecordsPerSend: number;
  /** How often published chunks are removed (one range delete). */
  pruneIntervalMs: number;
}

export const DEFAULT_JOURNAL_OPTIONS: JournalOptions = {
  leaseMs: 10_000,
  gapGraceMs: 30_000,
  readAhead: 32,
  maxRecordsPerSend: 5_000,
  pruneIntervalMs: 60_000,
};

const deflateAsync = promisify(deflateRaw);
const inflateAsync = promisify(inflateRaw);
/** Fast deflate: the records are JSON (5–10× smaller); the level trades little ratio for CPU. */
const ZLIB = { level: 1 };

/** The bytes of a stored value: a Buffer as written, a driver Binary as read. */
function bytesOf(stored: unknown): Uint8Array | null {
  if (stored instanceof Uint8Array) return stored;
  const inner = (stored as { buffer?: unknown } | null)?.buffer;
  return inner instanceof Uint8Array ? inner : null;
}

/**
 * A value stored as deflated JSON, one opaque value (a Buffer: any driver's BSON writes it as Binary).
 * FerretDB converts a document value by value, so what is never queried inside (a chunk's records, a
 * subject's state) is cheaper to write and read this way.
 */
export function deflatedJson(value: unknown): Buffer {
  return deflateRawSync(Buffer.from(JSON.stringify(value)), ZLIB);
}

/** deflatedJson undone, from the Buffer as written or the driver's Binary as read. */
export function inflatedJson<T>(stored: unknown): T {
  const bytes = bytesOf(stored);
  if (!bytes) throw new Error('deflated JSON expected, found another form');
  return JSON.parse(inflateRawSync(bytes).toString('utf8')) as T;
}

/** JSON up to this size is deflated on the spot (well under a millisecond), larger in the thread pool. */
const DEFLATE_INLINE_BYTES = 256 * 1024;

/** Records as stored in a chunk (deflated JSON; a Buffer, so any driver's BSON writes it as Binary). */
export async function encodeRecords(records: OutgoingRecord[]): Promise<Buffer> {
  const json = Buffer.from(JSON.stringify(records));
  // a run's chunk is a few kB: waiting for a pool thread (shared with DNS, files, the other writes)
  // took longer than deflating it
  return json.length <= DEFLATE_INLINE_BYTES ? deflateRawSync(json, ZLIB) : deflateAsync(json, ZLIB);
}

/** A stored value as its records, or as the deflated bytes still to inflate. */
function recordsOrBytes(stored: unknown): OutgoingRecord[] | Uint8Array {
  if (stored == null) return [];
  if (typeof stored === 'string') return JSON.parse(stored) as OutgoingRecord[];
  if (Array.isArray(stored)) return stored as OutgoingRecord[];
  const bytes = bytesOf(stored);
  if (!bytes) throw new Error('outbox journal: records in an unknown form');
  return bytes;
}

/** The records of a stored chunk or document: deflated JSON, a JSON string, or the records themselves. */
export async function decodeRecords(stored: unknown): Promise<OutgoingRecord[]> {
  const v = recordsOrBytes(stored);
  return v instanceof Uint8Array
    ? (JSON.parse((await inflateAsync(v)).toString('utf8')) as OutgoingRecord[])
    : v;
}

/** decodeRecords for the small per-document copy (synchronous: a few records). */
export function decodeRecordsSync(stored: unknown): OutgoingRecord[] {
  const v = recordsOrBytes(stored);
  return v instanceof Uint8Array ? inflatedJson<OutgoingRecord[]>(v) : v;
}

/** Chunk `id` as stored. */
async function chunkOf(id: number, records: OutgoingRecord[], recovered = false): Promise<JournalChunk> {
  return {
    _id: id,
    at: new Date(),
    n: records.length,
    records: await encodeRecords(records),
    ...(recovered ? { recovered: true } : {}),
  };
}

function isDuplicateKey(e: unknown): boolean {
  return (e as { code?: number }).code === 11000;
}

export class OutboxJournal {
  readonly chunks: Collection<JournalChunk>;
  private readonly state: Collection<Document>;
  /** This instance's name in the lease. */
  readonly holder = randomUUID();
  private missingSince: { id: number; at: number } | null = null;
  private lastPrune = 0;
  private pruning: Promise<void> | null = null;
  /** Chunks read ahead while the previous ones were being published (by id). */
  private readonly prefetched = new Map<number, Promise<JournalChunk | null>>();

  constructor(
    readonly db: Db,
    readonly options: JournalOptions = DEFAULT_JOURNAL_OPTIONS,
  ) {
    this.chunks = db.collection<JournalChunk>(OUTBOX_JOURNAL);
    this.state = db.collection(OUTBOX_STATE);
  }

  // ---- writer side ----

  /**
   * Reserves the id of the next chunk (step 1 of the writer protocol). The writers of this instance
   * that ask while a reservation is on its way are served together by the next one (`$inc` by their
   * number, each given one of the ids): one statement on the counter at a time per instance, instead
   * of each writer queueing on the counter's row lock. Every id handed out is its writer's, as before.
   */
  reserve(): Promise<number> {
    return new Promise<number>((resolve, reject) => {
      this.reserveWaiting.push({ resolve, reject });
      if (!this.reserving) void this.reserveForWaiting();
    });
  }

  private readonly reserveWaiting: Array<{ resolve: (id: number) => void; reject: (e: unknown) => void }> =
    [];
  private reserving = false;

  /**
   * Serves the waiting writers until none is left. The flag drops right after the last look at the
   * queue, with no await in between, so a writer that comes later always starts a new round.
   */
  private async reserveForWaiting(): Promise<void> {
    this.reserving = true;
    try {
      while (this.reserveWaiting.length > 0) {
        const group = this.reserveWaiting.splice(0);
        try {
          const doc = (await this.state.findOneAndUpdate(
            { _id: 'seq' } as Document,
            { $inc: { n: group.length } },
            { upsert: true, returnDocument: 'after', includeResultMetadata: false },
          )) as CounterDoc | null;
          if (!doc) throw new Error('outbox journal: no chunk id reserved');
          group.forEach((w, i) => w.resolve(doc.n - group.length + 1 + i));
        } catch (e) {
          for (const w of group) w.reject(e);
        }
      }
    } finally {
      this.reserving = false;
    }
  }

  /**
   * Appends chunk `id` (step 3). If the relay has meanwhile recovered that id (it wrote the chunk
   * itself), the records go again under a new id, so none is lost.
   */
  async append(id: number, records: OutgoingRecord[]): Promise<void> {
    try {
      await this.chunks.insertOne(await chunkOf(id, records));
    } catch (e) {
      if (!isDuplicateKey(e)) throw e;
      if (records.length) await this.append(await this.reserve(), records);
    }
  }

  /**
   * The records with their chunk id (what rides in the business document, read only to recover a
   * lost chunk): deflated like a chunk's, so a document carries few more bytes than its own.
   */
  static stamp(records: OutgoingRecord[], id: number): Record<string, unknown> {
    return { [OUTBOX_CHUNK]: deflatedJson(records), [OUTBOX_SEQ]: id };
  }

  /**
   * A large write's records kept once for recovery, before its documents are written (they then carry
   * only `_outboxSeq`): one insert instead of a deflated copy in each document, which cost the writing
   * process ~0.1 ms of blocked event loop per document (a 1,000-check-in batch: 100 ms, a third of the
   * supervision pipeline's throughput). Stored in the journal under the chunk's id negated, so the
   * relay never reads it as a chunk and the range delete removes it with its chunk.
   */
  async keep(id: number, docIds: unknown[], records: OutgoingRecord[][]): Promise<void> {
    const kept: KeptRecords = {
      _id: -id,
      at: new Date(),
      docIds,
      counts: records.map((r) => r.length),
      records: await encodeRecords(records.flat()),
    };
    await this.db.collection<KeptRecords>(OUTBOX_JOURNAL).insertOne(kept);
  }

  /** The records kept for chunk `id` (keep), by the id of the document each belongs to; null if none. */
  async kept(id: number): Promise<Map<string, OutgoingRecord[]> | null> {
    const kept = await this.db.collection<KeptRecords>(OUTBOX_JOURNAL).findOne({ _id: -id });
    if (!kept) return null;
    const all = await decodeRecords(kept.records);
    const byDoc = new Map<string, OutgoingRecord[]>();
    let from = 0;
    kept.docIds.forEach((docId, i) => {
      byDoc.set(String(docId), all.slice(from, from + kept.counts[i]));
      from += kept.counts[i];
    });
    return byDoc;
  }

  // ---- relay side ----

  /**
   * Takes or renews the app's lease; the cursor if this instance holds it, null if another live
   * instance does (it relays; this one waits and takes over when that lease runs out).
   */
  async lease(): Promise<number | null> {
    // renewed a moment ago (by lease or by moving the cursor, which renews it too): still held, and no
    // other instance can have taken it — a relay kicked after every write asks once, not every pass
    if (this.held && Date.now() - this.held.renewedAt < this.options.leaseMs / 4) return this.held.cursor;
    this.held = null;
    const now = new Date();
    const until = new Date(now.getTime() + this.options.leaseMs);
    const doc = (await this.state.findOneAndUpdate(
      { _id: 'relay', $or: [{ holder: this.holder }, { until: { $lt: now } }] } as Document,
      { $set: { holder: this.holder, until } },
      { returnDocument: 'after', includeResultMetadata: false },
    )) as LeaseDoc | null;
    if (doc) return this.holding(doc.cursor, now.getTime());
    try {
      await this.state.insertOne({ _id: 'relay', holder: this.holder, until, cursor: 0 } as Document);
      return this.holding(0, now.getTime());
    } catch (e) {
      if (isDuplicateKey(e)) return null;
      throw e;
    }
  }

  /** The lease as this instance last renewed it (null: not held, or not known to be). */
  private held: { cursor: number; renewedAt: number } | null = null;

  private holding(cursor: number, renewedAt: number): number {
    this.held = { cursor, renewedAt };
    return cursor;
  }

  /** Lets another instance take over at once (on a clean stop). */
  async release(): Promise<void> {
    this.held = null;
    await this.state.updateOne({ _id: 'relay', holder: this.holder } as Document, {
      $set: { until: new Date(0) },
    });
  }

  /** Moves the cursor (and renews the lease); false if the lease was lost meanwhile. */
  private async advance(cursor: number): Promise<boolean> {
    const at = Date.now();
    const res = await this.state.updateOne({ _id: 'relay', holder: this.holder } as Document, {
      $set: { cursor, until: new Date(at + this.options.leaseMs) },
    });
    if (res.matchedCount !== 1) {
      this.held = null;
      return false;
    }
    this.holding(cursor, at);
    return true;
  }

  /** The last chunk id reserved (0 when none). */
  async reserved(): Promise<number> {
    const doc = (await this.state.findOne({ _id: 'seq' } as Document)) as CounterDoc | null;
    return doc?.n ?? 0;
  }

  /** The relay's cursor (0 when none yet). */
  async cursor(): Promise<number> {
    const doc = (await this.state.findOne({ _id: 'relay' } as Document)) as LeaseDoc | null;
    return doc?.cursor ?? 0;
  }

  /** Chunks reserved but not yet published, and when the first of them was written. */
  async backlog(): Promise<{ chunks: number; oldestAt: Date | null }> {
    const [reserved, cursor] = await Promise.all([this.reserved(), this.cursor()]);
    if (reserved <= cursor) return { chunks: 0, oldestAt: null };
    const next = await this.chunks.findOne({ _id: cursor + 1 });
    return { chunks: reserved - cursor, oldestAt: next?.at ?? null };
  }

  /**
   * One step of the relay (the caller holds the lease at `cursor`): reads the chunks after the
   * cursor, publishes their records in one send, advances the cursor. Returns the new cursor,
   * whether more may be waiting, and how many records went out; `lost` if the lease was lost.
   */
  async relayFrom(
    cursor: number,
    publish: (records: OutgoingRecord[]) => Promise<void>,
    recover: (id: number) => Promise<OutgoingRecord[]>,
  ): Promise<{ cursor: number; more: boolean; published: number; lost?: boolean }> {
    // what was reserved bounds the reads (and an idle pass costs this one statement); when the next
    // chunk has been read ahead already, the ids read ahead (all reserved then) are the bound for now:
    // a busy stream's pass skips the statement
    const ahead = this.prefetched.get(cursor + 1);
    let reserved =
      ahead && (await ahead.catch(() => null)) ? this.readAheadUpTo(cursor) : await this.reserved();
    if (reserved <= cursor) {
      this.missingSince = null;
      await this.prune(cursor);
      return { cursor, more: false, published: 0 };
    }
    const found: JournalChunk[] = [];
    let records = 0;
    let next = cursor + 1;
    let complete = false; // all reserved chunks up to the first missing one were read
    while (records < this.options.maxRecordsPerSend) {
      if (next > reserved) reserved = await this.reserved();
      if (next > reserved) {
        complete = true;
        break;
      }
      const count = Math.min(this.options.readAhead, reserved - next + 1);
      const ids = Array.from({ length: count }, (_, i) => next + i);
      const page = await this.readPage(ids);
      let i = 0;
      for (; i < page.length && page[i]; i++) {
        found.push(page[i]!);
        records += page[i]!.n;
        if (records >= this.options.maxRecordsPerSend) {
          i++;
          break;
        }
      }
      next += i;
      if (i < page.length && !page[i]) {
        complete = true;
        break;
      }
    }
    if (complete && found.length === 0) {
      if (next > reserved) return { cursor, more: false, published: 0 };
      // chunk `next` is reserved but missing: still being written, or its writer died (then it is
      // recovered after a grace)
      if (this.missingSince?.id !== next) this.missingSince = { id: next, at: Date.now() };
      if (Date.now() - this.missingSince.at < this.options.gapGraceMs)
        return { cursor, more: false, published: 0 };
      const recovered = await recover(next);
      try {
        await this.chunks.insertOne(await chunkOf(next, recovered, true));
      } catch (e) {
        if (!isDuplicateKey(e)) throw e; // the writer's own append came meanwhile: read that one
      }
      // the chunks reserved with it have been missing as long (the writers of one crashed instance all
      // died together): the next missing one is recovered at once, not one grace per chunk. A chunk a
      // live writer is still appending at worst goes twice (its append finds the id taken), never lost.
      this.missingSince = { id: next + 1, at: this.missingSince.at };
      return { cursor, more: true, published: 0 };
    }
    // the next chunks are read while these are decoded and sent (the database and the broker overlap)
    if (!complete) this.prefetch(next, reserved);
    const all = (await Promise.all(found.map((c) => decodeRecords(c.records)))).flat();
    // in sends of at most ~512 KB: the broker refuses a request with a larger record batch
    for (let from = 0; from < all.length;) {
      let to = from;
      for (
        let bytes = 0;
        to < all.length && (to === from || bytes + all[to].value.length <= 512 * 1024);
        to++
      )
        bytes += all[to].value.length;
      await publish(all.slice(from, to));
      from = to;
    }
    const last = found[found.length - 1]._id;
    if (!(await this.advance(last))) {
      this.prefetched.clear();
      return { cursor, more: false, published: all.length, lost: true };
    }
    return { cursor: last, more: !complete, published: all.length };
  }

  /**
   * Chunks `ids`: those read ahead that were there then, the others read now, all in one query by
   * `_id` (served by the _id index: deploy/local/ferretdb's patch for FerretDB, MongoDB by itself).
   */
  private async readPage(ids: number[]): Promise<Array<JournalChunk | null>> {
    const page = await Promise.all(
      ids.map((id) => {
        const ahead = this.prefetched.get(id);
        this.prefetched.delete(id);
        return ahead ? ahead.catch(() => null) : null;
      }),
    );
    const missing = ids.filter((_, i) => !page[i]);
    if (missing.length === 0) return page;
    const found = new Map((await this.readChunks(missing)).map((c) => [c._id, c]));
    return page.map((c, i) => c ?? found.get(ids[i]) ?? null);
  }

  private readChunks(ids: number[]): Promise<JournalChunk[]> {
    return ids.length === 1
      ? this.chunks.findOne({ _id: ids[0] }).then((c) => (c ? [c] : []))
      : this.chunks.find({ _id: { $in: ids } }).toArray();
  }

  /** The last of the ids read ahead without a hole after `cursor` (prefetch reads none past what was reserved). */
  private readAheadUpTo(cursor: number): number {
    let last = cursor;
    while (this.prefetched.has(last + 1)) last++;
    return last;
  }

  /** Starts reading the chunks from `from` (up to `readAhead`, none past `reserved`), in one query. */
  private prefetch(from: number, reserved: number): void {
    for (const id of this.prefetched.keys()) if (id < from) this.prefetched.delete(id);
    const ids: number[] = [];
    for (let id = from; id <= reserved && id < from + this.options.readAhead; id++)
      if (!this.prefetched.has(id)) ids.push(id);
    if (ids.length === 0) return;
    const read = this.readChunks(ids).then((chunks) => new Map(chunks.map((c) => [c._id, c])));
    read.catch(() => undefined); // read again (and its failure reported) when it is taken
    for (const id of ids)
      this.prefetched.set(
        id,
        read.then((byId) => byId.get(id) ?? null),
      );
  }

  /** Removes published chunks in one range delete, at most every `pruneIntervalMs`, in the background. */
  private async prune(cursor: number): Promise<void> {
    if (this.pruning || Date.now() - this.lastPrune < this.options.pruneIntervalMs) return;
    this.lastPrune = Date.now();
    // chunks the relay closed itself stay a day: a writer still appending to one (after stalling for
    // longer than the grace) then meets a duplicate key and appends again under a new id
    const keepRecoveredSince = new Date(Date.now() - 24 * 3600_000);
    this.pruning = this.chunks
      .deleteMany({
        // chunks up to the cursor, and the records kept for them (ids negated: -cursor … -1)
        _id: { $gte: -cursor, $lte: cursor },
        $or: [{ recovered: { $exists: false } }, { at: { $lt: keepRecoveredSince } }],
      })
      .then(() => undefined)
      .catch(() => undefined)
      .finally(() => (this.pruning = null));
    await Promise.resolve();
  }

  async stop(): Promise<void> {
    this.prefetched.clear();
    await this.pruning;
  }
}
