import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { Connection } from 'mongoose';
import { ReadModelUser, Store } from '@lib/persistence';
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
import {
  incomeRowOf,
  RECORDED_INCOMES_COLLECTION,
  RecordedIncome,
  thresholdKey,
  ThresholdRow,
  thresholdRowOf,
  thresholdsCollectionOf,
} from './domain/recorded-facts-fold';

/**
 * What 风险消除 is judged on, as recorded elsewhere on the platform: households' small read models of
 * monitoring's income ledger (the newest figure per household) and of the 监测范围 lines (threshold.set.v1
 * over the shared defaults), plus the household's own members. Never what a request says. Its
 * collections are `recorded_incomes` and `recorded_thresholds` until a replay rebuilt them into another
 * pair (`npm run replay -- households recorded-facts`; replay/recorded-facts-pointer.ts switches it
 * over): every read and write goes to the pair in use.
 */
@Injectable()
export class RecordedFacts implements OnModuleInit, ReadModelUser {
  private incomes: Store<RecordedIncome>;
  private thresholds: Store<ThresholdRow>;

  constructor(@InjectConnection() private readonly connection: Connection) {
    this.incomes = Store.named<RecordedIncome>(connection, RECORDED_INCOMES_COLLECTION);
    this.thresholds = Store.named<ThresholdRow>(
      connection,
      thresholdsCollectionOf(RECORDED_INCOMES_COLLECTION),
    );
  }

  async onModuleInit() {
    // touch the collections one at a time (FerretDB stalls on concurrent creation)
    const incomes = this.incomes;
    const thresholds = this.thresholds;
    await serially(() => incomes.findOne({ _id: '' }));
    await serially(() => thresholds.findOne({ _id: '' }));
  }

  /** The incomes' collection in use (the thresholds' one has the same suffix). */
  get collectionName(): string {
    return this.incomes.collectionName;
  }

  /** Reads and writes the incomes `name` and its thresholds from now on (a replayed read model switched over). */
  useCollection(name: string): void {
    if (name === this.incomes.collectionName) return;
    this.incomes = Store.named<RecordedIncome>(this.connection, name);
    this.thresholds = Store.named<ThresholdRow>(this.connection, thresholdsCollectionOf(name));
  }

  /** The newest income change per household wins (a redelivered or older event changes nothing). */
  async incomeChanged(events: HouseholdIncomeChangedV1[]) {
    for (const { data: d } of events) {
      const row = incomeRowOf(d);
      const res = await this.incomes.updateOne({ _id: d.householdId, asOf: { $lt: d.asOf } }, { $set: row });
      if (res.matchedCount > 0) continue;
      // false: a newer (or the same) figure is already there
      await this.incomes.insertNew({ _id: d.householdId, ...row });
    }
  }

  async thresholdSet(events: ThresholdSetV1[]) {
    for (const { data: t } of events) {
      await this.thresholds.updateOne(
        { _id: thresholdKey(t) },
        { $set: thresholdRowOf(t) },
        { upsert: true },
      );
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
