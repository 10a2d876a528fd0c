import type { QueryFilter, Model, SortOrder } from 'mongoose';
import type { Document, Filter } from 'mongodb';
import { Scope, withinScope } from '@lib/auth';
import { Store, StoreOptions } from './store';

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/**
 * Base of every repository that serves callers: each read takes the caller's scope and joins it to
 * the query, so no method can forget the tenant (the records carry countyCode, townCode, villageCode).
 * Event consumers pass SERVICE_SCOPE. `store` is the same collection, typed, for writes (with their
 * events) that need the driver.
 */
export abstract class ScopedRepository<T extends Document> {
  protected readonly store: Store<T>;

  protected constructor(
    protected readonly model: Model<T>,
    options: StoreOptions = {},
  ) {
    this.store = Store.of(model, options);
  }

  protected scoped(scope: Scope, query: Record<string, unknown>): QueryFilter<T> {
    return scopedFilter<T>(scope, query);
  }

  /** The query joined with the scope, for the store (the driver's filter type). */
  protected within(scope: Scope, query: Filter<T> | Record<string, unknown>): Filter<T> {
    return scopedFilter(scope, query as Record<string, unknown>) as Filter<T>;
  }

  /** The record if it exists and lies in the scope; null otherwise (the caller answers 404 either way). */
  findById(scope: Scope, id: string) {
    return this.model
      .findOne(this.scoped(scope, { _id: id }))
      .lean<T>()
      .exec();
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

/** The query joined with the scope, undefined filter values dropped (they mean "any"). */
export function scopedFilter<T>(scope: Scope, query: Record<string, unknown>): QueryFilter<T> {
  const defined = Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined));
  return withinScope(scope, defined) as QueryFilter<T>;
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
