import { Injectable } from '@nestjs/common';
import { DeadlinePolicy, effectivePolicy } from './domain/deadline-policy';
import { DeadlinesStore } from './deadlines.store';

/** The deadlines in force for a county (its own over the defaults): what other features read. */
@Injectable()
export class CountyDeadlines {
  constructor(private readonly store: DeadlinesStore) {}

  async of(countyCode: string): Promise<DeadlinePolicy> {
    return effectivePolicy(await this.store.ofCounty(countyCode));
  }
}
