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
