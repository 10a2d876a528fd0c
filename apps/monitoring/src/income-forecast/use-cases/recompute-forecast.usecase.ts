import { Injectable } from '@nestjs/common';
import { SERVICE_SCOPE } from '@lib/auth';
import { createEvent, HouseholdIncomeForecastV1, ProjectBeneficiaryWithoutBenefitV1 } from '@lib/contracts';
import { HouseholdDirectory } from '../../household-directory/household-directory.store';
import { HouseholdIncome } from '../../household-income/household-income.service';
import { currentFigure, PaymentFact, SurveyFact } from '../../household-income/domain/income-figure';
import { deterministicId } from '../../household-income/domain/income-events';
import { forecastIncome } from '../domain/forecast';
import { benefitGapRecord, forecastRecord, ThresholdRow } from '../domain/forecast-record';
import {
  BenefitGapLike,
  DepartmentFactLike,
  dividendShocks,
  monthlyFigures,
  shocksOf,
  SurveyEmploymentLike,
} from '../domain/forecast-facts';
import { IncomeForecastStore } from '../income-forecast.store';

/**
 * 收入趋势预测: recomputes a household's forecast from its facts when they change, keeps the latest
 * and announces it (household-income.forecast.v1, with the write). Reads the surveys, payments,
 * department facts and lines monitoring keeps (their collections, read-only).
 */
@Injectable()
export class RecomputeForecast {
  constructor(
    private readonly store: IncomeForecastStore,
    private readonly income: HouseholdIncome,
    private readonly directory: HouseholdDirectory,
  ) {}

  /**
   * 合作社分红本年未发放: projects found a beneficiary link that paid nothing this year; kept once per
   * link and year (a redelivery changes nothing) and the household's forecast recomputed.
   */
  async benefitGap(e: ProjectBeneficiaryWithoutBenefitV1): Promise<void> {
    await this.store.addBenefitGap(benefitGapRecord(e));
    await this.recompute(e.data.householdId, e.id);
  }

  /** Recomputes the forecast; announces it when it changed. `cause`: the event id that changed a fact. */
  async recompute(householdId: string, cause: string): Promise<void> {
    await this.recomputeMany([{ householdId, cause }]);
  }

  /**
   * Recomputes the forecasts of a consumer's batch of changes: the facts of all its households are read
   * with one statement per collection and the lines once (each a table scan on FerretDB: per batch, not
   * per event), then each household is written by its id. A household changed several times in the
   * batch is recomputed once, from its facts as they stand, under its last change's cause (a retry
   * re-delivers the same batch, so the same cause and event id).
   */
  async recomputeMany(changes: Array<{ householdId: string; cause: string }>): Promise<void> {
    const causes = new Map<string, string>();
    for (const c of changes) causes.set(c.householdId, c.cause);
    const ids = [...causes.keys()];
    if (!ids.length) return;
    const [income, other, thresholds] = await Promise.all([
      this.income.factsOfMany(ids),
      this.store.factsOfMany(ids),
      this.store.allThresholds(),
    ]);
    for (const id of ids)
      await this.recomputeOne(id, causes.get(id)!, income.get(id)!, other.get(id)!, thresholds);
  }

  private async recomputeOne(
    householdId: string,
    cause: string,
    { surveys, payments }: { surveys: SurveyFact[]; payments: PaymentFact[] },
    {
      gaps,
      facts,
      employment: surveyDocs,
    }: { gaps: BenefitGapLike[]; facts: DepartmentFactLike[]; employment: SurveyEmploymentLike[] },
    thresholds: ThresholdRow[],
  ): Promise<void> {
    const household = await this.directory.findById(SERVICE_SCOPE, householdId);
    const now = currentFigure(surveys, payments);
    if (!now) return;
    const figures = monthlyFigures(surveys, payments, now.month);
    const f = forecastIncome(figures, [
      ...shocksOf(facts, surveyDocs, household?.members ?? []),
      ...dividendShocks(gaps, payments),
    ]);
    if (!f) return;
    const villageCode = household?.villageCode ?? (await this.store.villageOf(householdId));
    if (!villageCode) return;
    const computedAt = new Date();
    const doc = forecastRecord(f, {
      villageCode,
      householdNumber: household?.householdNumber ?? null,
      thresholds,
      computedAt,
    });
    const previous = await this.store.previous(householdId);
    const same =
      previous &&
      JSON.stringify([
        previous.baseMonth,
        previous.months,
        previous.yearEnd,
        previous.reasons,
        previous.sigma,
      ]) === JSON.stringify([f.baseMonth, f.months, f.yearEnd, f.reasons, f.sigma]);
    if (same) {
      const { line, monthLines, lineNote, monthsToLine, atRisk } = doc;
      await this.store.updateLines(householdId, { line, monthLines, lineNote, monthsToLine, atRisk });
      return;
    }
    const { method, baseMonth, current, months, yearEnd, sigma, reasons } = f;
    const forecast = { method, baseMonth, current, months, yearEnd, sigma, reasons };
    const event = createEvent({
      id: deterministicId('household-income.forecast.v1', householdId, cause),
      type: HouseholdIncomeForecastV1.type,
      source: 'monitoring',
      subject: householdId,
      townId: doc.townCode,
      villageId: villageCode,
      time: computedAt,
      data: {
        householdId,
        townCode: doc.townCode,
        villageCode,
        ...forecast,
        computedAt: computedAt.toISOString(),
      },
    });
    await this.store.put(householdId, doc, [event]);
  }
}
