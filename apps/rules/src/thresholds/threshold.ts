/**
 * 监测范围: the yearly per-capita income line below which a household is monitored.
 * Data, never constants: 2021 was 6,000 nationally; from 2022 each province sets its own figure
 * and some counties set theirs.
 */
export type ThresholdScope = 'national' | 'province' | 'county';

export interface Threshold {
  scope: ThresholdScope;
  provinceCode: string | null;
  countyCode: string | null;
  year: number;
  amount: number;
  source: string;
}

/** The line for a place and year (shared with households' 风险消除 check). */
export { pickThreshold } from '@lib/contracts';

export function describeThreshold(t: Threshold): string {
  const where =
    t.scope === 'national'
      ? '全国'
      : t.scope === 'province'
        ? `省(${t.provinceCode})`
        : `县(${t.countyCode})`;
  return `${where}${t.year}年监测范围 ${t.amount} 元`;
}
