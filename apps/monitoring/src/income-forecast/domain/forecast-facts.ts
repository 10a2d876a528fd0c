/**
 * From monitoring's records to the forecast's inputs (pure): the figure standing at the end of each
 * month (收入台账), and the shocks known for the household — department facts, employment changes the
 * surveys noted.
 */
import { labelOf } from '@lib/contracts/labels';
import {
  addMonths,
  figureAtMonth,
  PaymentFact,
  SurveyFact,
} from '../../household-income/domain/income-figure';
import { MonthlyFigure, Shock } from './forecast';

export interface DepartmentFactLike {
  kind: string;
  /** The member the department matched (by ID number), null when only the household is known. */
  memberId?: string | null;
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

/** A member's relation to the head as households records it (household.registered.v1). */
export interface MemberRelation {
  memberId: string;
  relation: string;
}

/** A project's link that paid nothing this year (projects' project.beneficiary-without-benefit.v1). */
export interface BenefitGapLike {
  projectId: string;
  projectName: string;
  kind: string;
  year: number;
  detectedOn: string;
}

/** Who a fact is about, as the reasons name them: 户主, 配偶, … or 家庭成员 when not known. */
function whoOf(memberId: string | null | undefined, members: MemberRelation[]): string {
  const m = memberId ? members.find((x) => x.memberId === memberId) : undefined;
  return m ? labelOf('relation', m.relation, MEMBER) : MEMBER;
}

/** Benefit kinds paid once a year whose stop the forecast counts (分红). */
const DIVIDEND_KINDS = new Set(['dividend']);

/**
 * 合作社分红本年未发放: projects said a dividend link paid nothing this year; what the household
 * should have had is what it was paid by that project the year before (monitoring's payments), and
 * the 12-month figure loses it when that payment is a year old. No payment known: no shock.
 */
export function dividendShocks(gaps: BenefitGapLike[], payments: PaymentFact[]): Shock[] {
  const out: Shock[] = [];
  for (const g of gaps) {
    if (!DIVIDEND_KINDS.has(g.kind)) continue;
    const before = payments
      .filter((p) => p.projectId === g.projectId && p.paidOn < `${g.year}-01-01`)
      .sort((a, b) => a.paidOn.localeCompare(b.paidOn));
    const last = before[before.length - 1];
    if (!last) continue;
    const sameYear = before.filter((p) => p.paidOn.slice(0, 4) === last.paidOn.slice(0, 4));
    out.push({
      kind: 'dividend_stopped',
      on: g.detectedOn,
      projectName: g.projectName,
      amount: sameYear.reduce((sum, p) => sum + p.amount, 0),
      lastPaidOn: last.paidOn,
    });
  }
  return out;
}

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

export function shocksOf(
  facts: DepartmentFactLike[],
  surveys: SurveyEmploymentLike[],
  members: MemberRelation[] = [],
): Shock[] {
  const shocks: Shock[] = [];
  for (const f of facts) {
    const who = whoOf(f.memberId, members);
    if (f.kind === 'medical_out_of_pocket' && !(f.period && /^\d{4}$/.test(f.period)))
      shocks.push({ kind: 'hospital_stay', on: f.occurredOn, amount: f.amount, who });
    if (f.kind === 'serious_illness_diagnosed')
      shocks.push({ kind: 'serious_illness', on: f.occurredOn, who });
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
  // a dividend paid a year ago is expected again (seasonal naive); that it stopped: dividendShocks
  return shocks;
}
