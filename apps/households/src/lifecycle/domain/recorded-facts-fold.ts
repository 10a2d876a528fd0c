/**
 * Households' copy of monitoring's facts 风险消除 is judged on — the newest per-capita income per
 * household (收入台账, household-income.changed.v1) and the 监测范围 lines (threshold.set.v1) — as
 * documents, and the fold of monitoring.events.v1 into them, pure (the replay rebuilds the read model
 * with it: `npm run replay -- households recorded-facts`). It writes what the live store writes
 * (recorded-facts.store.ts).
 */
import {
  CloudEvent,
  DataOf,
  HouseholdIncomeChangedV1,
  ThresholdDefault,
  ThresholdSetV1,
} from '@lib/contracts';

/** The latest per-capita income monitoring recorded for a household. */
export interface RecordedIncome {
  _id: string; // householdId
  perCapitaNetIncome: number | null;
  month: string;
  asOf: string;
}

/** A 监测范围 line set by monitoring, by `<scope>:<code|national>:<year>`. */
export type ThresholdRow = ThresholdDefault & { _id: string };

/** The read model's two collections; a replay's shadows share one suffix. */
export const RECORDED_INCOMES_COLLECTION = 'recorded_incomes';
export const RECORDED_THRESHOLDS_COLLECTION = 'recorded_thresholds';
/** The thresholds' collection that goes with the incomes' collection `incomes` (the same suffix). */
export const thresholdsCollectionOf = (incomes: string) =>
  `${RECORDED_THRESHOLDS_COLLECTION}${incomes.slice(RECORDED_INCOMES_COLLECTION.length)}`;

export const thresholdKey = (t: Pick<ThresholdDefault, 'scope' | 'provinceCode' | 'countyCode' | 'year'>) =>
  `${t.scope}:${t.countyCode ?? t.provinceCode ?? 'national'}:${t.year}`;

type IncomeData = DataOf<typeof HouseholdIncomeChangedV1>;
type ThresholdData = DataOf<typeof ThresholdSetV1>;

/** What an income change records of the household. */
export const incomeRowOf = (d: IncomeData) => ({
  perCapitaNetIncome: d.perCapitaNetIncome,
  month: d.month,
  asOf: d.asOf,
});

/** What a line set records. */
export const thresholdRowOf = (t: ThresholdData): Omit<ThresholdRow, '_id'> => ({
  scope: t.scope,
  provinceCode: t.provinceCode,
  countyCode: t.countyCode,
  year: t.year,
  amount: t.amount,
  source: t.source,
});

/**
 * Folds monitoring.events.v1 as the live store writes it: a household's income is replaced by a newer
 * one only (a redelivered or older figure changes nothing); a line is set as the last event for its
 * scope and year says. Other events are not counted.
 */
export class RecordedFactsFold {
  readonly incomes = new Map<string, RecordedIncome>();
  readonly thresholds = new Map<string, ThresholdRow>();
  /** Households and lines changed since the last flush. */
  readonly changedIncomes = new Set<string>();
  readonly changedThresholds = new Set<string>();

  /** Folds a batch; answers how many events changed a fact. */
  apply(events: readonly CloudEvent[]): number {
    return events.filter((e) => this.applyOne(e)).length;
  }

  private applyOne(e: CloudEvent): boolean {
    if (e.type === HouseholdIncomeChangedV1.type) {
      const d = e.data as IncomeData;
      const had = this.incomes.get(d.householdId);
      if (had && had.asOf >= d.asOf) return false;
      this.incomes.set(d.householdId, { _id: d.householdId, ...incomeRowOf(d) });
      this.changedIncomes.add(d.householdId);
      return true;
    }
    if (e.type === ThresholdSetV1.type) {
      const t = e.data as ThresholdData;
      const id = thresholdKey(t);
      this.thresholds.set(id, { _id: id, ...thresholdRowOf(t) });
      this.changedThresholds.add(id);
      return true;
    }
    return false;
  }
}
