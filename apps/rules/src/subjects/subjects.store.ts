import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { InjectConnection, InjectModel, Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Connection, Model } from 'mongoose';
import type { Filter } from 'mongodb';
import { Scope } from '@lib/auth';
import { runWithConcurrency } from '@lib/messaging';
import { deflatedJson, inflatedJson, scopedFilter, Store } from '@lib/persistence';
import { SubjectState } from './domain/subject-state';

/**
 * A subject's state, append-only (issue #17): every change is a new version `subjectId#rev` (one
 * insertMany per batch, no update), the highest rev is the current state. Two writers from the same
 * rev insert the same `_id`: one is refused (a duplicate), which is the optimistic guard.
 * Superseded versions are removed in the background. The state itself is one deflated JSON value
 * (`stateZ`): nothing queries inside it, and FerretDB converts a document value by value (a state is
 * hundreds of them: monthly figures, event ids), so one opaque value makes a version several times
 * cheaper to write and read. Versions written earlier hold it as a plain object (`state`), read too.
 */
@Schema({ collection: 'subject_versions', versionKey: false })
export class SubjectVersion {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ type: String, required: true, index: true }) subjectId!: string;
  @Prop({ type: Number, required: true }) rev!: number;
  @Prop({ type: String, required: true, index: true }) subjectType!: string;
  @Prop({ type: String, required: true }) countyCode!: string;
  @Prop({ type: String, required: true }) townCode!: string;
  @Prop({ type: String, required: true }) villageCode!: string;
  /** The state, deflated JSON (stateOf reads it). */
  @Prop({ type: Buffer }) stateZ?: Buffer;
  /** The state as a plain object: versions written before it was deflated. */
  @Prop({ type: Object }) state?: SubjectState;
}
export const SubjectVersionSchema = SchemaFactory.createForClass(SubjectVersion);

/** The version id: revs zero-padded so a subject's versions sort together, oldest first. */
export const versionIdOf = (subjectId: string, rev: number) =>
  `${subjectId}#${String(rev).padStart(10, '0')}`;

export function versionOf(s: SubjectState): SubjectVersion {
  return {
    _id: versionIdOf(s._id, s.rev),
    subjectId: s._id,
    rev: s.rev,
    subjectType: s.subjectType,
    countyCode: s.countyCode,
    townCode: s.townCode,
    villageCode: s.villageCode,
    stateZ: deflatedJson(s),
  };
}

/** The state a version holds (deflated, or a plain object in versions written before). */
export function stateOf(v: Pick<SubjectVersion, 'stateZ' | 'state'>): SubjectState {
  return v.stateZ == null ? v.state! : inflatedJson<SubjectState>(v.stateZ);
}

const PRUNE_EVERY_MS = 2_000;
const PRUNE_PAGE = 1_000;

@Injectable()
export class SubjectsStore implements OnModuleDestroy {
  private readonly logger = new Logger(SubjectsStore.name);
  private store: Store<SubjectVersion>;
  private superseded: string[] = [];
  private pruner: NodeJS.Timeout | null = null;
  private chosen!: () => void;
  /** Resolves once the collection in use is known (the read-model pointer, replay/subjects-pointer.ts). */
  readonly collectionChosen = new Promise<void>((resolve) => (this.chosen = resolve));

  constructor(
    @InjectModel(SubjectVersion.name) model: Model<SubjectVersion>,
    @InjectConnection() private readonly connection: Connection,
  ) {
    this.store = Store.of(model);
  }

  /** The collection the versions are read from and written to now. */
  get collectionName(): string {
    return this.store.collectionName;
  }

  /**
   * Reads and writes `name` from now on (a replayed read model switched over, issue #17): versions
   * superseded in the previous collection are no longer pruned here.
   */
  useCollection(name: string): void {
    if (name !== this.store.collectionName) {
      this.store = Store.named<SubjectVersion>(this.connection, name);
      this.superseded = [];
    }
    this.chosen();
  }

  onModuleDestroy() {
    if (this.pruner) clearTimeout(this.pruner);
    this.pruner = null;
  }

  /** The current state of each subject that has one (one equality query per subject). */
  async latest(ids: string[]): Promise<Map<string, SubjectState>> {
    await this.collectionChosen;
    const found = new Map<string, SubjectState>();
    await runWithConcurrency([...new Set(ids)], 32, async (id) => {
      const [v] = await this.store.find({ subjectId: id }, { sort: { rev: -1 }, limit: 1 }).toArray();
      if (v) found.set(id, stateOf(v));
    });
    return found;
  }

  /** The current state of every subject `keep` accepts (one pass over the versions: on partition assignment). */
  async loadWhere(keep: (subjectId: string) => boolean): Promise<Map<string, SubjectState>> {
    await this.collectionChosen;
    const found = new Map<string, SubjectState>();
    for await (const v of this.store.find({}, { batchSize: 2_000 })) {
      if (!keep(v.subjectId)) continue;
      const had = found.get(v.subjectId);
      if (!had || had.rev < v.rev) found.set(v.subjectId, stateOf(v));
    }
    return found;
  }

  /**
   * Saves changed states (each read at `rev`) as their next versions in one unordered insert.
   * Returns the states as saved and the ids another writer had moved on meanwhile (refused): the
   * caller re-reads those and re-applies their events (applied ones are skipped by their ids).
   */
  async save(states: SubjectState[]): Promise<{ saved: SubjectState[]; conflicts: Set<string> }> {
    await this.collectionChosen;
    const next = states.map((s) => ({ ...s, rev: s.rev + 1 }));
    const { duplicates } = await this.store.insertManyNew(next.map(versionOf));
    const refused = new Set(duplicates.map((i) => next[i]._id));
    const saved = next.filter((s) => !refused.has(s._id));
    for (const s of saved) if (s.rev > 1) this.superseded.push(versionIdOf(s._id, s.rev - 1));
    this.schedulePrune();
    return { saved, conflicts: refused };
  }

  /**
   * A new version of each subject, unchanged but for its rev: tells the instance holding the subject
   * in memory that something it derives from (its open alerts) changed elsewhere — its next write is
   * refused and it re-reads (the daily pass, a person acknowledging or resolving an alert).
   */
  async touch(ids: string[]): Promise<void> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const current = await this.latest(ids);
      if (current.size === 0) return;
      const { conflicts } = await this.save([...current.values()]);
      if (conflicts.size === 0) return;
      ids = [...conflicts];
    }
  }

  /** Every subject of a type within the scope (its current state), a page at a time (dry runs, the daily pass). */
  async *scan(scope: Scope, subjectType: string, batch = 500): AsyncGenerator<SubjectState[]> {
    await this.collectionChosen;
    const filter = scopedFilter(scope, { subjectType }) as Filter<SubjectVersion>;
    let page: SubjectState[] = [];
    let last: SubjectState | null = null;
    for await (const v of this.store.find(filter, { sort: { _id: 1 }, batchSize: 2_000 })) {
      if (last && last._id !== v.subjectId) {
        page.push(last);
        if (page.length >= batch) {
          yield page;
          page = [];
        }
      }
      if (!last || last._id !== v.subjectId || last.rev < v.rev) last = stateOf(v);
    }
    if (last) page.push(last);
    if (page.length) yield page;
  }

  private schedulePrune() {
    if (this.pruner || this.superseded.length === 0) return;
    this.pruner = setTimeout(() => void this.prune(), PRUNE_EVERY_MS);
    this.pruner.unref();
  }

  /** Removes superseded versions, a page per statement, off the hot path. */
  private async prune() {
    const ids = this.superseded.splice(0, PRUNE_PAGE);
    try {
      await this.store.deleteMany({ _id: { $in: ids } });
    } catch (e) {
      this.superseded.push(...ids);
      this.logger.warn(`pruning superseded subject versions failed, will retry: ${(e as Error).message}`);
    }
    this.pruner = null;
    this.schedulePrune();
  }
}
