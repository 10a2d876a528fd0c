import {
  orgUnitsOfVillage,
  pickThreshold,
  ProjectBeneficiaryWithoutBenefitV1,
  ThresholdScope,
} from '@lib/contracts';
import type { BenefitGapLike } from './forecast-facts';
import type { IncomeForecast } from '../income-forecast.schema';
import { Forecast, HORIZON, monthsToBelowLine, WARN_CHANCE } from './forecast';

/** A monitoring line (监测范围) standing now: monitoring's `thresholds`, or a threshold.set.v1's place and amount. */
export interface ThresholdRow {
  scope: ThresholdScope;
  provinceCode: string | null;
  countyCode: string | null;
  year: number;
  amount: number;
}

/**
 * The line of each forecast month: its own year's when set (next year's for the months in it),
 * otherwise the latest earlier year's, with a note saying so.
 */
export function linesFor(
  rows: ThresholdRow[],
  countyCode: string,
  months: string[],
): { lines: Array<number | null>; lineNote: string | null } {
  const where = { countyCode, provinceCode: countyCode.slice(0, 2) };
  const notes = new Set<string>();
  const baseYear = Number(months[0].slice(0, 4));
  const lines = months.map((m) => {
    const year = Number(m.slice(0, 4));
    const t = pickThreshold(rows, where, year);
    const standing = pickThreshold(rows, where, baseYear);
    // next year's months: its own line when set, else this year's, said in a note
    if (year > baseYear && t && standing && t.year <= baseYear)
      notes.add(`${year}年监测范围尚未设定，${year}年各月按${baseYear}年监测范围（${standing.amount} 元）计`);
    return t?.amount ?? null;
  });
  return { lines, lineNote: notes.size ? [...notes].join('；') : null };
}

/** The forecast's lines: what is recomputed when the year's line changes, not the forecast. */
export type ForecastLines = Pick<
  IncomeForecast,
  'line' | 'monthLines' | 'lineNote' | 'monthsToLine' | 'atRisk'
>;

/** The lines of a forecast under the lines standing (`thresholds`) in the household's county. */
export function forecastLines(
  f: Pick<Forecast, 'baseMonth' | 'current' | 'months' | 'sigma'>,
  countyCode: string,
  thresholds: ThresholdRow[],
): ForecastLines {
  const { lines, lineNote } = linesFor(thresholds, countyCode, [
    f.baseMonth,
    ...f.months.map((m) => m.month),
  ]);
  const line = lines[0];
  const ahead = lines.slice(1);
  // at risk: a month under its line with at least the warning's chance (the catalogue rule's)
  const monthsToLine = ahead.every((l): l is number => l !== null)
    ? monthsToBelowLine(f, ahead, HORIZON, { chance: WARN_CHANCE })
    : null;
  return {
    line,
    monthLines: f.months.map((m, i) => ({ month: m.month, line: ahead[i] })),
    lineNote,
    monthsToLine,
    atRisk: monthsToLine !== null && f.current >= (line ?? 0),
  };
}

/** The stored forecast of a household (income_forecasts, without its outbox), as computed at `computedAt`. */
export function forecastRecord(
  f: Forecast,
  at: { villageCode: string; householdNumber: string | null; thresholds: ThresholdRow[]; computedAt: Date },
): Omit<IncomeForecast, '_id'> {
  const units = orgUnitsOfVillage(at.villageCode);
  const { method, baseMonth, current, months, yearEnd, sigma, reasons } = f;
  return {
    countyCode: units.countyCode,
    townCode: units.townCode,
    villageCode: at.villageCode,
    householdNumber: at.householdNumber,
    method,
    baseMonth,
    current,
    months,
    yearEnd,
    sigma,
    reasons,
    ...forecastLines(f, units.countyCode, at.thresholds),
    computedAt: at.computedAt,
  };
}

/** A link that paid nothing this year, once per link and year (`_id` = beneficiaryId:year). */
export interface BenefitGap extends BenefitGapLike {
  _id: string;
  householdId: string;
  eventId: string;
}

/** 合作社分红本年未发放: the gap projects reported, as kept (the first event's). */
export function benefitGapRecord(e: ProjectBeneficiaryWithoutBenefitV1): BenefitGap {
  const d = e.data;
  return {
    _id: `${d.beneficiaryId}:${d.year}`,
    householdId: d.householdId,
    projectId: d.projectId,
    projectName: d.projectName,
    kind: d.kind,
    year: d.year,
    detectedOn: d.detectedOn,
    eventId: e.id,
  };
}
