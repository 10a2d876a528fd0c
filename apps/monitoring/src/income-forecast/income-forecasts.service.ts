import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectConnection, InjectModel } from '@nestjs/mongoose';
import { Connection, Model } from 'mongoose';
import { Scope, SERVICE_SCOPE } from '@lib/auth';
import {
  createEvent,
  HouseholdIncomeForecastV1,
  orgUnitsOfVillage,
  pickThreshold,
  ThresholdScope,
} from '@lib/contracts';
import { OutboxRelay, outboxOnUpdate } from '@lib/messaging';
import { ScopedRepository } from '@lib/persistence';
import { HouseholdDirectory } from '../household-directory/household-directory';
import { HouseholdIncome } from '../household-income/household-income.service';
import { currentFigure, monthlyHistory } from '../household-income/income-figure';
import { deterministicId } from '../household-income/income-events';
import { forecastIncome, monthsToBelowLine, HORIZON } from './domain/forecast';
import { DepartmentFactLike, monthlyFigures, shocksOf, SurveyEmploymentLike } from './forecast-facts';
import { IncomeForecast } from './income-forecast.schema';

interface ThresholdRow {
  scope: ThresholdScope;
  provinceCode: string | null;
  countyCode: string | null;
  year: number;
  amount: number;
}

/**
 * 收入趋势预测: recomputes a household's forecast from its facts when they change, keeps the latest
 * and announces it (household-income.forecast.v1, with the write). Reads the surveys, payments,
 * department facts and lines monitoring keeps (their collections, read-only).
 */
@Injectable()
export class IncomeForecasts extends ScopedRepository<IncomeForecast> implements OnModuleInit {
  constructor(
    @InjectModel(IncomeForecast.name) model: Model<IncomeForecast>,
    @InjectConnection() private readonly db: Connection,
    private readonly income: HouseholdIncome,
    private readonly directory: HouseholdDirectory,
    private readonly relay: OutboxRelay,
  ) {
    super(model);
  }

  onModuleInit() {
    this.relay.register(this.model.collection);
  }

  private async lineFor(countyCode: string, year: number): Promise<number | null> {
    const rows = await this.db.collection<ThresholdRow>('thresholds').find({}).toArray();
    return pickThreshold(rows, { countyCode, provinceCode: countyCode.slice(0, 2) }, year)?.amount ?? null;
  }

  /** Recomputes the forecast; announces it when it changed. `cause`: the event id that changed a fact. */
  async recompute(householdId: string, cause: string): Promise<void> {
    const [{ surveys, payments }, facts, surveyDocs, household] = await Promise.all([
      this.income.factsOf(householdId),
      this.db
        .collection('department_facts')
        .find(
          { householdId, status: 'matched' },
          { projection: { kind: 1, amount: 1, occurredOn: 1, period: 1, detail: 1 } },
        )
        .toArray() as unknown as Promise<DepartmentFactLike[]>,
      this.db
        .collection('surveys')
        .find({ householdId }, { projection: { month: 1, visitedAt: 1, employmentChanges: 1 } })
        .toArray() as unknown as Promise<SurveyEmploymentLike[]>,
      this.directory.findById(SERVICE_SCOPE, householdId),
    ]);
    const now = currentFigure(surveys, payments);
    if (!now) return;
    const figures = monthlyFigures(surveys, payments, now.month);
    const f = forecastIncome(figures, shocksOf(facts, surveyDocs));
    if (!f) return;
    const villageCode = household?.villageCode ?? (await this.villageOf(householdId));
    if (!villageCode) return;
    const units = orgUnitsOfVillage(villageCode);
    const line = await this.lineFor(units.countyCode, Number(f.baseMonth.slice(0, 4)));
    const monthsToLine = line === null ? null : monthsToBelowLine(f, line, HORIZON);
    const previous = await this.model.findById(householdId).lean<IncomeForecast>().exec();
    const same =
      previous &&
      JSON.stringify([
        previous.baseMonth,
        previous.months,
        previous.yearEnd,
        previous.reasons,
        previous.sigma,
      ]) === JSON.stringify([f.baseMonth, f.months, f.yearEnd, f.reasons, f.sigma]);
    const computedAt = new Date();
    const { method, baseMonth, current, months, yearEnd, sigma, reasons } = f;
    const forecast = { method, baseMonth, current, months, yearEnd, sigma, reasons };
    const doc = {
      countyCode: units.countyCode,
      townCode: units.townCode,
      villageCode,
      householdNumber: household?.householdNumber ?? null,
      ...forecast,
      line,
      monthsToLine,
      atRisk: monthsToLine !== null && f.current >= (line ?? 0),
      computedAt,
    };
    if (same) {
      await this.model.collection.updateOne(
        { _id: householdId as never },
        { $set: { line, monthsToLine, atRisk: doc.atRisk } },
      );
      return;
    }
    const event = createEvent({
      id: deterministicId('household-income.forecast.v1', householdId, cause),
      type: HouseholdIncomeForecastV1.type,
      source: 'monitoring',
      subject: householdId,
      townId: units.townCode,
      villageId: villageCode,
      time: computedAt,
      data: {
        householdId,
        townCode: units.townCode,
        villageCode,
        ...forecast,
        computedAt: computedAt.toISOString(),
      },
    });
    const { $push, $set } = outboxOnUpdate([event]);
    await this.model.collection.updateOne(
      { _id: householdId as never },
      { $set: { ...doc, ...$set }, $push },
      { upsert: true },
    );
    this.relay.kick();
  }

  private async villageOf(householdId: string): Promise<string | null> {
    const s = await this.db
      .collection('surveys')
      .findOne({ householdId }, { projection: { villageCode: 1 } });
    return (s?.villageCode as string | undefined) ?? null;
  }

  /** The household page: its forecast, the line, and the per-month history it starts from. */
  async view(scope: Scope, householdId: string) {
    const doc = await this.findById(scope, householdId);
    if (!doc) return null;
    const { surveys, payments } = await this.income.factsOf(householdId);
    const { _id, ...rest } = doc;
    return { householdId: _id, ...rest, history: monthlyHistory(surveys, payments) };
  }

  /** Households at risk (expected under the line within 3 months), by village, in the caller's scope. */
  async atRisk(scope: Scope, q: { townCode?: string; villageCode?: string; page: number; pageSize: number }) {
    const page = await this.page(
      scope,
      { townCode: q.townCode, villageCode: q.villageCode, atRisk: true },
      { villageCode: 1, monthsToLine: 1, _id: 1 },
      q.page,
      q.pageSize,
    );
    return { ...page, items: page.items.map(({ _id, ...rest }) => ({ householdId: _id, ...rest })) };
  }
}
