import { describeThreshold, Threshold } from '../thresholds/threshold';

/** Rule 收入低于监测范围: a surveyed household's per-capita net income is below the year's line. */
export const INCOME_BELOW_LINE = {
  id: 'income-below-line',
  version: 1,
  severity: 'high' as const,
  title: '人均纯收入低于监测范围',
  recipientRoles: ['paired-cadre', 'village-cadre', 'town-duty-officer'],
};

export interface SurveyFacts {
  householdNumber: string | null;
  month: string;
  perCapitaNetIncome: number | null;
  netIncome: number;
  residentMembers: number;
}

export type Evaluation =
  | { evaluated: false; reason: string }
  | {
      evaluated: true;
      breached: boolean;
      message: string;
      facts: Array<{ name: string; label: string; value: string | number | boolean | null }>;
    };

export function evaluateIncomeBelowLine(s: SurveyFacts, threshold: Threshold | null): Evaluation {
  if (s.perCapitaNetIncome === null) return { evaluated: false, reason: 'no resident members' };
  if (!threshold) return { evaluated: false, reason: `no monitoring line for ${s.month.slice(0, 4)}` };
  const breached = s.perCapitaNetIncome < threshold.amount;
  const gap = Math.round((threshold.amount - s.perCapitaNetIncome) * 100) / 100;
  const who = s.householdNumber ? `户 ${s.householdNumber}` : '该户';
  return {
    evaluated: true,
    breached,
    message: breached
      ? `${who}：${s.month} 走访人均纯收入 ${s.perCapitaNetIncome} 元，低于${describeThreshold(threshold)}（差 ${gap} 元）。请帮扶责任人入户核实并落实帮扶措施。`
      : `${who}：${s.month} 走访人均纯收入 ${s.perCapitaNetIncome} 元，已达到${describeThreshold(threshold)}。`,
    facts: [
      { name: 'perCapitaNetIncome', label: '人均纯收入（元）', value: s.perCapitaNetIncome },
      { name: 'threshold', label: '监测范围（元）', value: threshold.amount },
      { name: 'thresholdScope', label: '监测范围来源', value: threshold.source },
      { name: 'thresholdYear', label: '监测范围年度', value: threshold.year },
      { name: 'month', label: '走访月份', value: s.month },
      { name: 'netIncome', label: '家庭纯收入（元）', value: s.netIncome },
      { name: 'residentMembers', label: '常住人口', value: s.residentMembers },
    ],
  };
}
