import { Injectable } from '@nestjs/common';
import { notFound, Scope } from '@lib/auth';
import { presentHousehold } from '../domain/present-household';
import { ListHouseholdsQuery } from '../households.dto';
import { HouseholdsStore } from '../households.store';

/** 帮扶对象台账 as it is read: one household, or a page of the list (whole or as summaries). */
@Injectable()
export class ReadHouseholds {
  constructor(private readonly households: HouseholdsStore) {}

  async one(scope: Scope, id: string) {
    const doc = await this.households.load(scope, id);
    if (!doc) throw notFound(`未找到该户 (no household ${id})`);
    return presentHousehold(doc);
  }

  async list(scope: Scope, q: ListHouseholdsQuery) {
    const { page, pageSize, sort, view, ...filter } = q;
    if (view === 'summary')
      return { ...(await this.households.summaries(scope, filter, sort, page, pageSize)), sort };
    const result = await this.households.list(scope, filter, sort, page, pageSize);
    return { ...result, sort, items: result.items.map(presentHousehold) };
  }
}
