import { ConflictException, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectConnection, InjectModel } from '@nestjs/mongoose';
import { Connection, QueryFilter, Model, SortOrder } from 'mongoose';
import { assertCovers, pairedScopeFilter, Scope } from '@lib/auth';
import { ScopedRepository, Store } from '@lib/persistence';
import { CloudEvent } from '@lib/contracts';
import { OUTBOX, OUTBOX_CHUNK, OUTBOX_PENDING, OUTBOX_SEQ, OutboxRelay } from '@lib/messaging';
import { PiiCipher } from './domain/pii-cipher';
import { Household } from './households.schema';
import { serially } from '../serially';
import { householdQuery, HouseholdFilter, ListHouseholdsQuery } from './households.dto';
import { HouseholdList, listRowOf, listRowQuery, presentSummary } from './household-list.store';

/** One change of a household: insert-only, `_id` = `${householdId}:${version}`, its events in the same write. */
export interface HouseholdChange {
  _id: string;
  householdId: string;
  version: number;
  kind: string;
  by: string;
  at: Date;
  /** top-level fields the change sets on the household document */
  set: Record<string, unknown>;
  unset: string[];
}

export interface ChangeRequest {
  kind: string;
  by: string;
  set: Record<string, unknown>;
  unset?: string[];
  events: CloudEvent[];
}

const hidden = { [OUTBOX]: 0, [OUTBOX_PENDING]: 0, [OUTBOX_SEQ]: 0, [OUTBOX_CHUNK]: 0, __v: 0 } as const;

/**
 * Every read and write of households goes through here, within the caller's scope.
 *
 * Changes after registration are written ahead to `household_changes` (one insert-only document per
 * version, carrying the outbox events) and then applied to the household with a version check. FerretDB
 * 1.x has no transactions and can lose one of two concurrent updates of a document (the outbox relay
 * clears the registration events on the household document), so the change log is the truth: a change
 * whose application was lost or interrupted is rolled forward on the next read. Two writers of one
 * version cannot both win: the second gets a duplicate key (409, retry).
 */
@Injectable()
export class HouseholdsStore extends ScopedRepository<Household> implements OnModuleInit {
  private changes!: Store<HouseholdChange>;
  /** the list's read model (see HouseholdList); `listReady` once its rows match the households */
  private readonly listModel: HouseholdList;
  private listReady = false;

  constructor(
    @InjectModel(Household.name) model: Model<Household>,
    @InjectConnection() private readonly connection: Connection,
    private readonly relay: OutboxRelay,
    private readonly cipher: PiiCipher,
  ) {
    super(model, { relay });
    this.listModel = new HouseholdList(connection);
  }

  /** Households carry their paired cadres: a 帮扶责任人 sees the households paired with them only. */
  protected override scoped(scope: Scope, query: Record<string, unknown>): QueryFilter<Household> {
    const defined = Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined));
    if (scope.all) return defined as QueryFilter<Household>;
    return { $and: [defined, pairedScopeFilter(scope)] } as QueryFilter<Household>;
  }

  async onModuleInit() {
    const changes = Store.named<HouseholdChange>(this.connection, 'household_changes');
    await serially(() => changes.createIndex({ [OUTBOX_PENDING]: 1 }));
    this.changes = Store.named<HouseholdChange>(this.connection, 'household_changes', { relay: this.relay });
    void this.listModel
      .rebuildIfStale(
        () => this.each({ all: true }, {}),
        () => this.store.countDocuments({}),
      )
      .then((ready) => (this.listReady = ready))
      .catch((e: Error) => this.logger.error(`household list not rebuilt: ${e.message}`));
  }

  private readonly logger = new Logger('HouseholdsStore');

  /** Keeps the list's row of a household in step (a failure is logged: the start-up check rebuilds). */
  private listChanged(write: Promise<unknown>) {
    return write.catch((e: Error) => this.logger.warn(`household list row not written: ${e.message}`));
  }

  /** Inserts the household and its events in one write; the relay publishes them. */
  async create(scope: Scope, household: Omit<Household, 'createdAt'>, events: CloudEvent[]): Promise<void> {
    assertCovers(scope, household.villageCode);
    const doc = { ...household, version: 1, createdAt: new Date(), updatedAt: new Date() };
    const created = await this.store.insertNew(doc, events);
    if (created) await this.listChanged(this.listModel.added([doc as Household]));
    if (!created)
      throw new ConflictException({
        statusCode: 409,
        error: 'Conflict',
        message: `户编号已存在 (household number already registered in this village): ${household.householdNumber}`,
        problems: [{ field: 'householdNumber', reason: 'already registered in this village' }],
      });
  }

  /**
   * Inserts many households at once (ledger import), each with its events; unordered, so one duplicate
   * household number does not stop the others. Returns the indexes that were refused as duplicates.
   */
  async createMany(docs: Array<{ household: Omit<Household, 'createdAt'>; events: CloudEvent[] }>) {
    if (docs.length === 0) return new Set<number>();
    const now = new Date();
    const rows = docs.map(({ household, events }) => ({
      household: { ...household, version: 1, createdAt: now, updatedAt: now },
      events,
    }));
    const eventsOf = new Map<object, CloudEvent[]>(rows.map((r) => [r.household, r.events]));
    const { duplicates } = await this.store.insertManyNew(
      rows.map((r) => r.household),
      (h) => eventsOf.get(h) ?? [],
    );
    const refused = new Set(duplicates);
    await this.listChanged(
      this.listModel.added(rows.filter((_, i) => !refused.has(i)).map((r) => r.household as Household)),
    );
    return refused;
  }

  /**
   * Which of these households are registered already (village and number, as `village|number`): a
   * ledger sent again is refused household by household as 户编号已存在, before its people are claimed.
   * One query per import batch.
   */
  async registeredNumbers(households: Array<{ villageCode: string; householdNumber: string }>) {
    if (households.length === 0) return new Set<string>();
    const found = await this.model
      .find(
        { householdNumber: { $in: [...new Set(households.map((h) => h.householdNumber))] } },
        { villageCode: 1, householdNumber: 1 },
      )
      .lean<Array<Pick<Household, 'villageCode' | 'householdNumber'>>>()
      .exec();
    return new Set(found.map((h) => `${h.villageCode}|${h.householdNumber}`));
  }

  /** The household in the scope, with any change not yet applied rolled forward; null otherwise. */
  async load(scope: Scope, id: string): Promise<Household | null> {
    const doc = await this.model
      .findOne(this.scoped(scope, { _id: id }), hidden)
      .lean<Household>()
      .exec();
    return doc ? this.rollForward(doc) : null;
  }

  private versionFilter(doc: Household) {
    return doc.version === undefined ? { version: { $exists: false } } : { version: doc.version };
  }

  private async rollForward(doc: Household): Promise<Household> {
    let current = doc;
    for (;;) {
      const version = (current.version ?? 1) + 1;
      const next = await this.changes.findOne({ _id: `${doc._id}:${version}` }, { projection: hidden });
      if (!next) return current;
      await this.apply(current, next);
      current = (await this.model.findOne({ _id: doc._id }, hidden).lean<Household>().exec()) ?? current;
      if ((current.version ?? 1) < version) return { ...current, ...next.set, version } as Household;
    }
  }

  private async apply(doc: Household, change: HouseholdChange) {
    const res = await this.store.updateOne(
      { _id: doc._id, ...this.versionFilter(doc) },
      {
        $set: { ...change.set, version: change.version, updatedAt: change.at },
        ...(change.unset.length ? { $unset: Object.fromEntries(change.unset.map((f) => [f, ''])) } : {}),
      },
    );
    if (res.matchedCount === 0) return;
    const after = { ...doc, ...change.set, version: change.version, updatedAt: change.at } as Household &
      Record<string, unknown>;
    for (const f of change.unset) delete after[f];
    await this.listChanged(this.listModel.changed(after));
  }

  /**
   * Writes the change as the household's next version and applies it. false when another change took
   * that version first (the caller reloads and decides again).
   */
  async change(doc: Household, req: ChangeRequest): Promise<Household | false> {
    const version = (doc.version ?? 1) + 1;
    const change: HouseholdChange = {
      _id: `${doc._id}:${version}`,
      householdId: doc._id,
      version,
      kind: req.kind,
      by: req.by,
      at: new Date(),
      set: req.set,
      unset: req.unset ?? [],
    };
    if (!(await this.changes.insertNew(change, req.events))) return false;
    await this.untilRegistrationRelayed(doc._id);
    await this.apply(doc, change);
    this.recheckLater(doc._id, version);
    const after = { ...doc, ...req.set, version, updatedAt: change.at } as Household &
      Record<string, unknown>;
    for (const f of change.unset) delete after[f];
    return after;
  }

  /**
   * The relay clears the registration events on the household document itself, a whole-document write on
   * FerretDB that could undo a change applied at the same moment. So a change waits (briefly) until those
   * events are relayed; after that the change appliers are the document's only writers.
   */
  private async untilRegistrationRelayed(id: string, timeoutMs = 5_000) {
    const deadline = Date.now() + timeoutMs;
    while (await this.store.exists({ _id: id, [OUTBOX_PENDING]: true })) {
      if (Date.now() > deadline) return; // relay down: apply anyway, recheckLater repairs a lost write
      this.relay.kick();
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** Re-applies a change whose write was lost after all (see untilRegistrationRelayed). */
  private recheckLater(id: string, version: number) {
    for (const ms of [2_000, 15_000])
      setTimeout(() => {
        void this.model
          .findOne({ _id: id }, hidden)
          .lean<Household>()
          .exec()
          .then((doc) => (doc && (doc.version ?? 1) < version ? this.rollForward(doc) : null))
          .catch(() => undefined);
      }, ms).unref();
  }

  /** One page of the list's summaries (its read model; the households until that is built). */
  async summaries(
    scope: Scope,
    filter: HouseholdFilter,
    sort: ListHouseholdsQuery['sort'],
    page: number,
    pageSize: number,
  ) {
    if (!this.listReady) {
      const full = await this.listFromHouseholds(scope, filter, sort, page, pageSize);
      return { ...full, items: full.items.map((h) => presentSummary(listRowOf(h))) };
    }
    const query = listRowQuery(filter, (id) => this.cipher.hashIdNumber(id));
    const rows = await this.listModel.page(scope, query, sort, page, pageSize);
    return { total: rows.total, page, pageSize, items: rows.items.map(presentSummary) };
  }

  /** One page of whole households: ordered and counted by the list's read model, each read by its id. */
  async list(
    scope: Scope,
    filter: HouseholdFilter,
    sort: ListHouseholdsQuery['sort'],
    page: number,
    pageSize: number,
  ) {
    if (!this.listReady) return this.listFromHouseholds(scope, filter, sort, page, pageSize);
    const query = listRowQuery(filter, (id) => this.cipher.hashIdNumber(id));
    const rows = await this.listModel.page(scope, query, sort, page, pageSize);
    const docs = await Promise.all(
      rows.items.map((r) => this.model.findOne({ _id: r._id }, hidden).lean<Household>().exec()),
    );
    return { total: rows.total, page, pageSize, items: docs.filter((d): d is Household => d !== null) };
  }

  private listFromHouseholds(
    scope: Scope,
    filter: HouseholdFilter,
    sort: ListHouseholdsQuery['sort'],
    page: number,
    pageSize: number,
  ) {
    const field = sort.replace(/^-/, '');
    const dir: SortOrder = sort.startsWith('-') ? -1 : 1;
    const order: Record<string, SortOrder> =
      field === 'householdNumber'
        ? { householdNumber: dir, villageCode: 1 }
        : { [field]: dir, householdNumber: 1 };
    return this.page(
      scope,
      householdQuery(filter, (id) => this.cipher.hashIdNumber(id)),
      order,
      page,
      pageSize,
    );
  }

  /** Every household matching the filter in the scope, in ledger order, a batch at a time (export). */
  async *each(scope: Scope, filter: HouseholdFilter, batch = 500): AsyncGenerator<Household[]> {
    const cursor = this.model
      .find(
        this.scoped(
          scope,
          householdQuery(filter, (id) => this.cipher.hashIdNumber(id)),
        ),
        hidden,
      )
      .sort({ villageCode: 1, householdNumber: 1 })
      .lean<Household[]>()
      .cursor({ batchSize: batch });
    let buf: Household[] = [];
    for await (const doc of cursor) {
      buf.push(doc as unknown as Household);
      if (buf.length === batch) {
        yield buf;
        buf = [];
      }
    }
    if (buf.length) yield buf;
  }

  /**
   * Number, and name / sex / birth date / masked ID number of each member, of these households (the care roster shows
   * them beside its entries; no scope: the caller holds the entries).
   */
  async people(householdIds: string[]) {
    const docs = await this.model
      .find({ _id: { $in: [...new Set(householdIds)] } }, { householdNumber: 1, members: 1 })
      .lean<Array<Pick<Household, '_id' | 'householdNumber' | 'members'>>>()
      .exec();
    const found = new Map<
      string,
      { householdNumber: string; name: string; sex: string; birthDate: string; idNumber: string | null }
    >();
    for (const h of docs)
      for (const m of h.members)
        found.set(`${h._id}|${m.memberId}`, {
          householdNumber: h.householdNumber,
          name: m.name,
          sex: m.sex,
          birthDate: m.birthDate,
          idNumber: m.idNumberMasked ?? null,
        });
    return found;
  }
}
