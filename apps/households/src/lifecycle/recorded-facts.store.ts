import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { Connection } from 'mongoose';
import { Store } from '@lib/persistence';
import {
  DEFAULT_THRESHOLDS,
  HouseholdIncomeChangedV1,
  pickThreshold,
  ThresholdDefault,
  ThresholdSetV1,
} from '@lib/contracts';
import { serially } from '../serially';
import { Member } from '../households/households.schema';
import { EliminationFacts, wholeHouseholdNoLabour } from './domain/lifecycle';

/** The latest per-capita income monitoring recorded for a household (收入台账), from household-income.changed.v1. */
interface RecordedIncome {
  _id: string; // householdId
  perCapitaNetIncome: number | null;
  month: string;
  asOf: string;
}

type ThresholdRow = ThresholdDefault & { _id: string };

const thresholdKey = (t: Pick<ThresholdDefault, 'scope' | 'provinceCode' | 'countyCode' | 'year'>) =>
  `${t.scope}:${t.countyCode ?? t.provinceCode ?? 'national'}:${t.year}`;

/**
 * What 风险消除 is judged on, as recorded elsewhere on the platform: households' small read models of
 * monitoring's income ledger (the newest figure per household) and of the 监测范围 lines (threshold.set.v1
 * over the shared defaults), plus the household's own members. Never what a request says.
 */
@Injectable()
export class RecordedFacts implements OnModuleInit {
  private incomes!: Store<RecordedIncome>;
  private thresholds!: Store<ThresholdRow>;

  constructor(@InjectConnection() private readonly connection: Connection) {}

  async onModuleInit() {
    this.incomes = Store.named<RecordedIncome>(this.connection, 'recorded_incomes');
    this.thresholds = Store.named<ThresholdRow>(this.connection, 'recorded_thresholds');
    // touch the collections one at a time (FerretDB stalls on concurrent creation)
    await serially(() => this.incomes.findOne({ _id: '' }));
    await serially(() => this.thresholds.findOne({ _id: '' }));
  }

  /** The newest income change per household wins (a redelivered or older event changes nothing). */
  async incomeChanged(events: HouseholdIncomeChangedV1[]) {
    for (const { data: d } of events) {
      const row = { perCapitaNetIncome: d.perCapitaNetIncome, month: d.month, asOf: d.asOf };
      const res = await this.incomes.updateOne({ _id: d.householdId, asOf: { $lt: d.asOf } }, { $set: row });
      if (res.matchedCount > 0) continue;
      // false: a newer (or the same) figure is already there
      await this.incomes.insertNew({ _id: d.householdId, ...row });
    }
  }

  async thresholdSet(events: ThresholdSetV1[]) {
    for (const { data: t } of events) {
      const row = {
        scope: t.scope,
        provinceCode: t.provinceCode,
        countyCode: t.countyCode,
        year: t.year,
        amount: t.amount,
        source: t.source,
      };
      await this.thresholds.updateOne({ _id: thresholdKey(t) }, { $set: row }, { upsert: true });
    }
  }

  async of(
    household: { _id: string; countyCode?: string; villageCode: string; members: Member[] },
    on: string,
  ) {
    const countyCode = household.countyCode ?? household.villageCode.slice(0, 6);
    const [income, set] = await Promise.all([
      this.incomes.findOne({ _id: household._id }),
      this.thresholds.find({}).toArray(),
    ]);
    const known = new Map<string, ThresholdDefault>(DEFAULT_THRESHOLDS.map((t) => [thresholdKey(t), t]));
    for (const t of set) known.set(t._id, t);
    const year = Number(on.slice(0, 4));
    const line = pickThreshold(
      [...known.values()],
      { countyCode, provinceCode: countyCode.slice(0, 2) },
      year,
    );
    const facts: EliminationFacts = {
      perCapitaIncome: income ? { amount: income.perCapitaNetIncome, month: income.month } : null,
      line: line ? { amount: line.amount, year: line.year, source: line.source } : null,
      wholeHouseholdNoLabour: wholeHouseholdNoLabour(household.members),
    };
    return facts;
  }
}
