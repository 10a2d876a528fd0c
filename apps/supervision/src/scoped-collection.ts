import type { QueryFilter, Model } from 'mongoose';
import type { Document } from 'mongodb';
import { Scope } from '@lib/auth';
import { ScopedRepository, StoreOptions } from '@lib/persistence';

/**
 * One supervision collection behind the caller's org-unit scope (libs/persistence ScopedRepository): the
 * base of a single-collection repository, or kept one per collection by a repository holding several.
 * Every record carries countyCode, townCode and villageCode of its team; records written before
 * tenancy get countyCode from villageCode by the app's first migration (libs/persistence).
 */
export class ScopedCollection<T extends Document> extends ScopedRepository<T> {
  constructor(model: Model<T>, options: StoreOptions = {}) {
    super(model, options);
  }

  /** The query joined with the scope (undefined filter values dropped). */
  where(scope: Scope, query: Record<string, unknown>): QueryFilter<T> {
    return this.scoped(scope, query);
  }
}
