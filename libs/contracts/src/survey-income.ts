/**
 * 人均纯收入 (per-capita net income), as the domain notes define it:
 * (wage + business + property + transfer − business costs) / resident members.
 * Pure arithmetic in fen (integers) so 0.1 + 0.2 problems never reach a household's figure.
 */
export interface IncomeComponents {
  wage: number;
  business: number;
  property: number;
  transfer: number;
  businessCosts: number;
}

const toFen = (yuan: number) => Math.round(yuan * 100);
const toYuan = (fen: number) => fen / 100;

/** Rounds half away from zero (so −0.5 fen and +0.5 fen are treated alike). */
const roundHalfAway = (x: number) => Math.sign(x) * Math.round(Math.abs(x));

export interface IncomeFigures {
  netIncome: number;
  /** null when nobody lives in the household: there is no one to divide by. */
  perCapitaNetIncome: number | null;
}

export function computeIncome(c: IncomeComponents, residentMembers: number): IncomeFigures {
  if (!Number.isInteger(residentMembers) || residentMembers < 0)
    throw new RangeError('residentMembers must be a whole number ≥ 0');
  const netFen =
    toFen(c.wage) + toFen(c.business) + toFen(c.property) + toFen(c.transfer) - toFen(c.businessCosts);
  return {
    netIncome: toYuan(netFen),
    perCapitaNetIncome: residentMembers === 0 ? null : toYuan(roundHalfAway(netFen / residentMembers)) + 0,
  };
}

export const INCOME_COMPONENTS = ['wage', 'business', 'property', 'transfer', 'businessCosts'] as const;
export type IncomeComponentName = (typeof INCOME_COMPONENTS)[number];

/** What the visitor entered: a component left out (or null) was not asked or not known. */
export type ReportedIncome = Partial<Record<IncomeComponentName, number | null>>;

/**
 * Missing components (缺项): an omitted component counts as 0 — the figure stays computable, and an
 * omitted business cost cannot inflate it — and the survey lists which ones were missing, so a
 * reader can tell an entered 0 from a gap and ask at the next visit.
 */
export function resolveIncome(reported: ReportedIncome): {
  income: IncomeComponents;
  missingIncomeComponents: IncomeComponentName[];
} {
  const missing = INCOME_COMPONENTS.filter((k) => reported[k] === undefined || reported[k] === null);
  const income = Object.fromEntries(
    INCOME_COMPONENTS.map((k) => [k, reported[k] ?? 0]),
  ) as unknown as IncomeComponents;
  return { income, missingIncomeComponents: missing };
}

/** Income, residents and the figures computed from them. */
export function surveyFigures(reported: ReportedIncome, residentMembers: number) {
  const { income, missingIncomeComponents } = resolveIncome(reported);
  const figures = computeIncome(income, residentMembers);
  return {
    income,
    missingIncomeComponents,
    hasMissingIncomeComponents: missingIncomeComponents.length > 0,
    residentMembers,
    ...figures,
  };
}
