/**
 * From monitoring's records to the forecast's inputs (pure): the figure standing at the end of each
 * month (收入台账), and the shocks known for the household — department facts, employment changes the
 * surveys noted.
 */
import { addMonths, figureAtMonth, PaymentFact, SurveyFact } from '../household-income/income-figure';
import { MonthlyFigure, Shock } from './domain/forecast';

export interface DepartmentFactLike {
  kind: string;
  amount: number | null;
  occurredOn: string;
  period: string | null;
  detail: Record<string, unknown>;
}

export interface SurveyEmploymentLike {
  month: string;
  visitedAt: Date;
  employmentChanges?: Array<{ kind: string }>;
}

const MEMBER = '家庭成员';

/** The figures month by month, up to 24 months back from the latest. */
export function monthlyFigures(
  surveys: SurveyFact[],
  payments: PaymentFact[],
  upTo: string,
): MonthlyFigure[] {
  const first = surveys.reduce((m, s) => (s.month < m ? s.month : m), upTo);
  const out: MonthlyFigure[] = [];
  for (let m = upTo, i = 0; m >= first && i < 24; m = addMonths(m, -1), i++) {
    const f = figureAtMonth(surveys, payments, m);
    if (!f || f.perCapitaNetIncome === null) break;
    out.push({
      month: m,
      perCapitaNetIncome: f.perCapitaNetIncome,
      residentMembers: f.residentMembers,
      income: f.income,
    });
  }
  return out.reverse();
}

export function shocksOf(facts: DepartmentFactLike[], surveys: SurveyEmploymentLike[]): Shock[] {
  const shocks: Shock[] = [];
  for (const f of facts) {
    if (f.kind === 'medical_out_of_pocket' && !(f.period && /^\d{4}$/.test(f.period)))
      shocks.push({ kind: 'hospital_stay', on: f.occurredOn, amount: f.amount, who: MEMBER });
    if (f.kind === 'serious_illness_diagnosed')
      shocks.push({ kind: 'serious_illness', on: f.occurredOn, who: MEMBER });
    if (f.kind === 'disaster_report')
      shocks.push({
        kind: 'disaster',
        on: f.occurredOn,
        amount: f.amount,
        subType: typeof f.detail.subType === 'string' ? f.detail.subType : null,
      });
  }
  for (const s of surveys)
    if (s.employmentChanges?.some((c) => c.kind === 'returned_home'))
      shocks.push({ kind: 'returned_home', on: `${s.month}-01`, who: MEMBER });
  // a dividend paid a year ago is expected again (seasonal naive); that it stopped (dividend_stopped)
  // would come from projects' beneficiary-without-benefit, not read by monitoring yet
  return shocks;
}
