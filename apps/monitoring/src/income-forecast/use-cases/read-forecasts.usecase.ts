import { Injectable } from '@nestjs/common';
import { Scope } from '@lib/auth';
import { HouseholdIncome } from '../../household-income/household-income.service';
import { monthlyHistory } from '../../household-income/domain/income-figure';
import { IncomeForecastStore } from '../income-forecast.store';

/** What the forecast pages read: a household's forecast, and the at-risk list (within the caller's scope). */
@Injectable()
export class ReadForecasts {
  constructor(
    private readonly store: IncomeForecastStore,
    private readonly income: HouseholdIncome,
  ) {}

  /** The household page: its forecast, the line, and the per-month history it starts from. */
  async view(scope: Scope, householdId: string) {
    const doc = await this.store.findById(scope, householdId);
    if (!doc) return null;
    const { surveys, payments } = await this.income.factsOf(householdId);
    const { _id, ...rest } = doc;
    return { householdId: _id, ...rest, history: monthlyHistory(surveys, payments) };
  }

  /** Households at risk (expected under the line within 3 months), by village, in the caller's scope. */
  async atRisk(scope: Scope, q: { townCode?: string; villageCode?: string; page: number; pageSize: number }) {
    const page = await this.store.page(
      scope,
      { townCode: q.townCode, villageCode: q.villageCode, atRisk: true },
      { villageCode: 1, monthsToLine: 1, _id: 1 },
      q.page,
      q.pageSize,
    );
    return { ...page, items: page.items.map(({ _id, ...rest }) => ({ householdId: _id, ...rest })) };
  }
}
