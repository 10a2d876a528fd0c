import type { QueryFilter, Model, SortOrder } from 'mongoose';
import { Scope, withinScope } from './scope';

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/**
 * Base of every repository that serves callers: each read takes the caller's scope and joins it to
 * the query, so no method can forget the tenant (the records carry countyCode, townCode, villageCode).
 * Event consumers pass SERVICE_SCOPE.
 */
export abstract class ScopedRepository<T> {
  protected constructor(protected readonly model: Model<T>) {}

  protected scoped(scope: Scope, query: Record<string, unknown>): QueryFilter<T> {
    const defined = Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined));
    return withinScope(scope, defined) as QueryFilter<T>;
  }

  /** The record if it exists and lies in the scope; null otherwise (the caller answers 404 either way). */
  findById(scope: Scope, id: string) {
    return this.model
      .findOne(this.scoped(scope, { _id: id }))
      .lean<T>()
      .exec();
  }

  /**
   * Records written before tenancy existed may lack countyCode (the scope filter needs it): derived
   * from villageCode at start, in batches. Idempotent; a no-op once done.
   */
  async backfillCountyCodes(batch = 500): Promise<number> {
    let done = 0;
    for (;;) {
      const docs = await this.model.collection
        .find(
          { countyCode: { $exists: false }, villageCode: { $type: 'string' } },
          { projection: { villageCode: 1 } },
        )
        .limit(batch)
        .toArray();
      if (docs.length === 0) return done;
      await this.model.collection.bulkWrite(
        docs.map((d) => ({
          updateOne: {
            filter: { _id: d._id },
            update: { $set: { countyCode: String(d.villageCode).slice(0, 6) } },
          },
        })),
        { ordered: false },
      );
      done += docs.length;
    }
  }

  /** One page of the records matching `filter` within the scope; never anything outside it. */
  page(
    scope: Scope,
    filter: Record<string, unknown>,
    sort: Record<string, SortOrder>,
    page: number,
    pageSize: number,
  ): Promise<Page<T>> {
    return pageOf(this.model, this.scoped(scope, filter), sort, page, pageSize);
  }
}

/** One page of a query's results with the total count (the query already holds the scope). */
export async function pageOf<T>(
  model: Model<T>,
  query: QueryFilter<T>,
  sort: Record<string, SortOrder>,
  page: number,
  pageSize: number,
  projection?: Record<string, 0>,
): Promise<Page<T>> {
  const [items, total] = await Promise.all([
    model
      .find(query, projection)
      .sort(sort)
      .skip((page - 1) * pageSize)
      .limit(pageSize)
      .lean<T[]>()
      .exec(),
    model.countDocuments(query).exec(),
  ]);
  return { items, total, page, pageSize };
}
