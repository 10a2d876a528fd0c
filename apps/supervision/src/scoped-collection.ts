import type { OnModuleInit } from '@nestjs/common';
import type { QueryFilter, Model } from 'mongoose';
import { Scope, ScopedRepository } from '@lib/auth';

/**
 * One supervision collection behind the caller's org-unit scope (libs/auth ScopedRepository): the
 * base of a single-collection repository, or kept one per collection by a repository holding several.
 * Every record carries countyCode, townCode and villageCode of its team; records written before
 * tenancy get countyCode from villageCode at start.
 */
export class ScopedCollection<T> extends ScopedRepository<T> implements OnModuleInit {
  constructor(model: Model<T>) {
    super(model);
  }

  async onModuleInit() {
    await this.backfillCountyCodes();
  }

  /** The query joined with the scope (undefined filter values dropped). */
  where(scope: Scope, query: Record<string, unknown>): QueryFilter<T> {
    return this.scoped(scope, query);
  }
}
