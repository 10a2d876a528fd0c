/**
 * 收入台账: a household's current income, from facts only (no stored running total, so nothing can
 * be lost to a concurrent update): the latest survey (by visit time) with its 12-month income, plus
 * the project payments (分红, 务工工资…) paid AFTER that survey's visit date — a later survey is taken
 * to include what was paid before it. Pure functions; amounts are added in fen.
 */
import { computeIncome, IncomeComponents } from '@lib/contracts';

export type PaymentComponent = 'wage' | 'business' | 'property' | 'transfer';

export interface SurveyFact {
  surveyId: string;
  month: string;
  visitedAt: Date;
  income: IncomeComponents;
  residentMembers: number;
}

export interface PaymentFact {
  distributionId: string;
  projectId: string;
  projectName: string;
  kind: string;
  component: PaymentComponent;
  amount: number;
  /** YYYY-MM-DD (China date). */
  paidOn: string;
}

export interface IncomeFigure {
  /** The month the figure stands for: the survey's month, or the latest counted payment's month. */
  month: string;
  income: IncomeComponents;
  netIncome: number;
  residentMembers: number;
  perCapitaNetIncome: number | null;
  lastSurveyId: string;
  /** Where the figure comes from. */
  survey: SurveyFact;
  payments: PaymentFact[];
}

/** The calendar date of an instant in China (UTC+8, no daylight saving). */
export function chinaDate(t: Date): string {
  return new Date(t.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

const fen = (yuan: number) => Math.round(yuan * 100);

/** The latest survey by visit time (ties: the later month, then the id, so the choice is stable). */
function latestSurvey(surveys: SurveyFact[]): SurveyFact | null {
  let best: SurveyFact | null = null;
  for (const s of surveys) {
    if (
      !best ||
      s.visitedAt.getTime() > best.visitedAt.getTime() ||
      (s.visitedAt.getTime() === best.visitedAt.getTime() &&
        (s.month > best.month || (s.month === best.month && s.surveyId > best.surveyId)))
    )
      best = s;
  }
  return best;
}

function figureOf(survey: SurveyFact, payments: PaymentFact[]): IncomeFigure {
  const visitDate = chinaDate(survey.visitedAt);
  const counted = payments
    .filter((p) => p.paidOn > visitDate)
    .sort((a, b) => a.paidOn.localeCompare(b.paidOn) || a.distributionId.localeCompare(b.distributionId));
  const income = { ...survey.income };
  for (const p of counted) income[p.component] = (fen(income[p.component]) + fen(p.amount)) / 100;
  const figures = computeIncome(income, survey.residentMembers);
  const lastPaidMonth = counted.length ? counted[counted.length - 1].paidOn.slice(0, 7) : null;
  return {
    month: lastPaidMonth && lastPaidMonth > survey.month ? lastPaidMonth : survey.month,
    income,
    netIncome: figures.netIncome,
    residentMembers: survey.residentMembers,
    perCapitaNetIncome: figures.perCapitaNetIncome,
    lastSurveyId: survey.surveyId,
    survey,
    payments: counted,
  };
}

/** The household's income now; null before its first survey (payments alone say nothing of the rest). */
export function currentFigure(surveys: SurveyFact[], payments: PaymentFact[]): IncomeFigure | null {
  const survey = latestSurvey(surveys);
  return survey ? figureOf(survey, payments) : null;
}

/** The figure as it stood at the end of a month: surveys of that month or earlier, payments up to it. */
export function figureAtMonth(
  surveys: SurveyFact[],
  payments: PaymentFact[],
  month: string,
): IncomeFigure | null {
  const survey = latestSurvey(surveys.filter((s) => s.month <= month));
  return survey
    ? figureOf(
        survey,
        payments.filter((p) => p.paidOn.slice(0, 7) <= month),
      )
    : null;
}

export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number);
  const i = y * 12 + (m - 1) + n;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
}

/** (now − before) / |before|, to 4 decimals; null when either is unknown or before is 0. */
export function changeRatio(now: number | null, before: number | null): number | null {
  if (now === null || before === null || before === 0) return null;
  return Math.round(((now - before) / Math.abs(before)) * 10_000) / 10_000 + 0;
}

/** Month-over-month and year-over-year change of a figure against the figures standing back then. */
export function changesOf(figure: IncomeFigure, surveys: SurveyFact[], payments: PaymentFact[]) {
  const lastMonth = figureAtMonth(surveys, payments, addMonths(figure.month, -1));
  const lastYear = figureAtMonth(surveys, payments, addMonths(figure.month, -12));
  return {
    monthOverMonthChange: changeRatio(figure.perCapitaNetIncome, lastMonth?.perCapitaNetIncome ?? null),
    yearOverYearChange: changeRatio(figure.perCapitaNetIncome, lastYear?.perCapitaNetIncome ?? null),
  };
}

/** Did anything a reader of the figure sees change? */
export function sameFigure(a: IncomeFigure | null, b: IncomeFigure | null): boolean {
  if (!a || !b) return a === b;
  return (
    a.lastSurveyId === b.lastSurveyId &&
    a.month === b.month &&
    a.residentMembers === b.residentMembers &&
    a.netIncome === b.netIncome &&
    a.perCapitaNetIncome === b.perCapitaNetIncome &&
    JSON.stringify(a.income) === JSON.stringify(b.income)
  );
}

/** Per-capita income month by month (the figure standing at each month's end), oldest first. */
export function monthlyHistory(surveys: SurveyFact[], payments: PaymentFact[], maxMonths = 24) {
  const now = currentFigure(surveys, payments);
  if (!now) return [];
  const first = surveys.reduce((m, s) => (s.month < m ? s.month : m), now.month);
  const out: Array<{
    month: string;
    perCapitaNetIncome: number | null;
    netIncome: number;
    lastSurveyId: string;
  }> = [];
  for (let m = now.month, i = 0; m >= first && i < maxMonths; m = addMonths(m, -1), i++) {
    const f = figureAtMonth(surveys, payments, m);
    if (!f) break;
    out.push({
      month: m,
      perCapitaNetIncome: f.perCapitaNetIncome,
      netIncome: f.netIncome,
      lastSurveyId: f.lastSurveyId,
    });
  }
  return out.reverse();
}
