import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import type { Filter } from 'mongodb';
import { Connection } from 'mongoose';
import { pairedScopeFilter, Scope } from '@lib/auth';
import { Store } from '@lib/persistence';
import { Household, PairedCadre } from './households.schema';
import { householdQuery, HouseholdFilter, ListHouseholdsQuery } from './households.dto';

/**
 * 帮扶对象列表 read model (issue 15). FerretDB 1.x pushes neither sort nor count down to PostgreSQL: a
 * sorted page or a count of `households` reads every whole document (members and all, ~5 KB each), 9 s
 * for the seed's 1,144 households, and the time grows with the bytes read. So the list reads a
 * collection of small rows (`household_list`, what the list shows, filters and searches on), kept by
 * the households repository on every write (registration, import, each change it applies).
 *
 * On top of it a cache per app instance: the sorted rows of a (scope, filter, sort) are kept under the
 * list's stamp, a token every write of a row changes after the row (`household_list_meta`). A read
 * fetches the stamp (one document by _id) and answers from the cache while the stamp holds; any write,
 * by any instance, changes the stamp and the next read queries again.
 */
export interface HouseholdListRow {
  _id: string;
  householdNumber: string;
  countyCode: string;
  townCode: string;
  villageCode: string;
  householdType: string;
  monitoringCategory: string | null;
  riskTypes?: string[];
  lifecycleState?: string;
  /** 'closed' once 注销 (absent: 在册), with the closure's reason and day */
  status?: string;
  closure?: { reason: string; on: string };
  pairedCadreIds?: string[];
  pairedCadres?: Array<Pick<PairedCadre, 'userId' | 'name'>>;
  /** 户主's name ('' when the household has none) and the number of members */
  head: string;
  size: number;
  /** for the search: the members' names and their ID numbers' keyed hashes */
  memberNames: string[];
  idNumberHashes: string[];
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

/** What the list answers for a row (`view=summary`). */
export type HouseholdSummary = Omit<
  HouseholdListRow,
  '_id' | 'memberNames' | 'idNumberHashes' | 'pairedCadreIds'
> & {
  id: string;
};

interface Stamp {
  _id: string;
  token: string;
}

const STAMP = 'stamp';
const CACHE_ENTRIES = 64;

export function listRowOf(h: Household): HouseholdListRow {
  const members = h.members ?? [];
  return {
    _id: h._id,
    householdNumber: h.householdNumber,
    countyCode: h.countyCode,
    townCode: h.townCode,
    villageCode: h.villageCode,
    householdType: h.householdType,
    monitoringCategory: h.monitoringCategory ?? null,
    ...(h.riskTypes?.length ? { riskTypes: h.riskTypes } : {}),
    ...(h.lifecycleState ? { lifecycleState: h.lifecycleState } : {}),
    ...(h.status ? { status: h.status } : {}),
    ...(h.closure ? { closure: { reason: h.closure.reason, on: h.closure.on } } : {}),
    ...(h.pairedCadreIds?.length ? { pairedCadreIds: h.pairedCadreIds } : {}),
    ...(h.pairedCadres?.length
      ? { pairedCadres: h.pairedCadres.map((c) => ({ userId: c.userId, name: c.name })) }
      : {}),
    head: (members.find((m) => m.relation === 'head') ?? members[0])?.name ?? '',
    size: members.length,
    memberNames: members.map((m) => m.name),
    idNumberHashes: members.flatMap((m) => (m.idNumberHash ? [m.idNumberHash] : [])),
    version: h.version ?? 1,
    createdAt: h.createdAt ?? new Date(),
    updatedAt: h.updatedAt ?? h.createdAt ?? new Date(),
  };
}

export function presentSummary(row: HouseholdListRow): HouseholdSummary {
  const { _id, memberNames, idNumberHashes, pairedCadreIds, ...rest } = row;
  void memberNames;
  void idNumberHashes;
  void pairedCadreIds;
  return { id: _id, ...rest, status: rest.status ?? 'active' };
}

/**
 * The list filter as a query of `household_list`: the households' own query (householdQuery) with the
 * members' fields renamed to the row's (names and ID number hashes are lists on the row).
 */
export function listRowQuery(f: HouseholdFilter, hashIdNumber: (id: string) => string) {
  const rename = (q: Record<string, unknown>): Record<string, unknown> =>
    Object.fromEntries(
      Object.entries(q)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [
          k === 'members.idNumberHash' ? 'idNumberHashes' : k === 'members.name' ? 'memberNames' : k,
          k === '$or' ? (v as Array<Record<string, unknown>>).map(rename) : v,
        ]),
    );
  return rename(householdQuery(f, hashIdNumber));
}

type Sort = ListHouseholdsQuery['sort'];

const text = (v: unknown) => (v instanceof Date ? v.toISOString() : String(v ?? ''));
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The comparator of a list sort, as the stored query sorted it (ties by household number, then village). */
export function compareRows(sort: Sort) {
  const field = sort.replace(/^-/, '') as keyof HouseholdListRow;
  const dir = sort.startsWith('-') ? -1 : 1;
  const tie = field === 'householdNumber' ? 'villageCode' : 'householdNumber';
  return (a: HouseholdListRow, b: HouseholdListRow) =>
    dir * cmp(text(a[field]), text(b[field])) || cmp(text(a[tie]), text(b[tie])) || cmp(a._id, b._id);
}

export class HouseholdList {
  private readonly logger = new Logger('HouseholdList');
  private readonly rows: Store<HouseholdListRow>;
  private readonly meta: Store<Stamp>;
  private readonly cache = new Map<string, { token: string; rows: HouseholdListRow[] }>();

  constructor(connection: Connection) {
    this.rows = Store.named<HouseholdListRow>(connection, 'household_list');
    this.meta = Store.named<Stamp>(connection, 'household_list_meta');
  }

  private async stamp(): Promise<string> {
    return (await this.meta.findOne({ _id: STAMP }))?.token ?? '';
  }

  private async touch() {
    await this.meta.updateOne({ _id: STAMP }, { $set: { token: randomUUID() } }, { upsert: true });
  }

  /**
   * Writes the rows of newly registered households (import, registration) in one insert; a row that is
   * there already is kept (FerretDB runs an upsert per document: 500 of them cost an import minutes).
   */
  async added(households: Household[]) {
    if (households.length === 0) return;
    await this.rows.insertManyNew(households.map(listRowOf));
    await this.touch();
  }

  /** Writes the row of a household after a change (never over a newer version's row). */
  async changed(h: Household) {
    const row = listRowOf(h);
    const res = await this.rows.updateOne({ _id: row._id, version: { $lt: row.version } }, { $set: row });
    if (res.matchedCount === 0) await this.rows.insertNew(row);
    await this.touch();
  }

  /** Every row of a query, sorted; from the cache while no row was written since. */
  async sorted(scope: Scope, query: Record<string, unknown>, sort: Sort): Promise<HouseholdListRow[]> {
    // the list's filter is built from the validated query (listRowQuery): its fields are the row's
    const scoped = (
      scope.all ? query : { $and: [query, pairedScopeFilter(scope)] }
    ) as Filter<HouseholdListRow>;
    const key = `${sort} ${JSON.stringify(scoped)}`;
    const token = await this.stamp();
    const hit = this.cache.get(key);
    if (hit && hit.token === token && token !== '') {
      this.cache.delete(key);
      this.cache.set(key, hit); // most recently used last
      return hit.rows;
    }
    const rows: HouseholdListRow[] = await this.rows.find(scoped).toArray();
    rows.sort(compareRows(sort));
    this.cache.set(key, { token, rows });
    while (this.cache.size > CACHE_ENTRIES) this.cache.delete(this.cache.keys().next().value as string);
    return rows;
  }

  /** One page of the list and the total. */
  async page(scope: Scope, query: Record<string, unknown>, sort: Sort, page: number, pageSize: number) {
    const rows = await this.sorted(scope, query, sort);
    return { items: rows.slice((page - 1) * pageSize, page * pageSize), total: rows.length };
  }

  /**
   * Rebuilds the rows when they do not match the households (a database from before the read model, or
   * rows lost): run at start-up in the background; the list reads `households` until it is done.
   */
  async rebuildIfStale(all: () => AsyncIterable<Household[]>, householdCount: () => Promise<number>) {
    const [rows, households] = await Promise.all([this.rows.countDocuments({}), householdCount()]);
    if (rows === households) return true;
    this.logger.log(`rebuilding the household list: ${rows} rows for ${households} households`);
    for await (const batch of all()) await this.added(batch);
    return true;
  }
}
