import { Injectable } from '@nestjs/common';
import { Scope } from '@lib/auth';
import { villageStatistics } from './domain/statistics';
import { ResidentRequestsStore } from './resident-requests.store';

/** 诉求统计 per village within the caller's scope (a query: grouped counts, then the domain's rates). */
@Injectable()
export class RequestStatistics {
  constructor(private readonly store: ResidentRequestsStore) {}

  async byVillage(scope: Scope, filter: { townCode?: string; villageCode?: string }) {
    const match = Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined));
    return villageStatistics(await this.store.statisticsGroups(scope, match));
  }
}
