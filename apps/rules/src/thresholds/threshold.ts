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

const rank: Record<ThresholdScope, number> = { county: 0, province: 1, national: 2 };

function applies(t: Threshold, where: { provinceCode: string; countyCode: string }): boolean {
  if (t.scope === 'national') return true;
  if (t.scope === 'province') return t.provinceCode === where.provinceCode;
  return t.countyCode === where.countyCode;
}

/**
 * The line for a place and year: the most specific scope (county, then province, then national)
 * that set a figure for that year; if none did, the most specific scope's latest earlier figure.
 * Null when no figure exists at or before the year.
 */
export function pickThreshold(
  all: Threshold[],
  where: { provinceCode: string; countyCode: string },
  year: number,
): Threshold | null {
  const candidates = all.filter((t) => applies(t, where) && t.year <= year);
  const exact = candidates.filter((t) => t.year === year).sort((a, b) => rank[a.scope] - rank[b.scope]);
  if (exact.length > 0) return exact[0];
  const earlier = candidates.sort((a, b) => rank[a.scope] - rank[b.scope] || b.year - a.year);
  return earlier[0] ?? null;
}

export function describeThreshold(t: Threshold): string {
  const where =
    t.scope === 'national'
      ? '全国'
      : t.scope === 'province'
        ? `省(${t.provinceCode})`
        : `县(${t.countyCode})`;
  return `${where}${t.year}年监测范围 ${t.amount} 元`;
}
