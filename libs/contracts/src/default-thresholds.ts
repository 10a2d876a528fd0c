/**
 * 监测范围 defaults: the yearly per-capita income lines known from the domain notes (2021 national
 * 6,000 = 1.5 × the old poverty line, and figures provinces and counties published). Monitoring seeds
 * them into its thresholds (owned and audited there, changed through its API and announced as
 * threshold.set.v1); rules seeds the same list so a fresh install agrees before any event arrives.
 * Data, never constants in code: a new year's figure is set through the API, not added here.
 */
export type ThresholdScope = 'national' | 'province' | 'county';

export interface ThresholdDefault {
  scope: ThresholdScope;
  provinceCode: string | null;
  countyCode: string | null;
  year: number;
  /** yuan per person per year */
  amount: number;
  source: string;
}

export const DEFAULT_THRESHOLDS: ThresholdDefault[] = [
  {
    scope: 'national',
    provinceCode: null,
    countyCode: null,
    year: 2021,
    amount: 6000,
    source: '2021年全国监测范围（原贫困线1.5倍）',
  },
  {
    scope: 'province',
    provinceCode: '52',
    countyCode: null,
    year: 2023,
    amount: 7300,
    source: '贵州省2023年监测范围',
  },
  {
    scope: 'province',
    provinceCode: '53',
    countyCode: null,
    year: 2025,
    amount: 8700,
    source: '云南省2025年监测范围',
  },
  {
    scope: 'county',
    provinceCode: '53',
    countyCode: '530102',
    year: 2023,
    amount: 8050,
    source: '云南省某县2023年监测范围（示例）',
  },
  {
    scope: 'county',
    provinceCode: '35',
    countyCode: '350102',
    year: 2023,
    amount: 10560,
    source: '福建省某县2023年监测范围（示例）',
  },
];

const rank: Record<ThresholdScope, number> = { county: 0, province: 1, national: 2 };

function applies(t: ThresholdDefault, where: { provinceCode: string; countyCode: string }): boolean {
  if (t.scope === 'national') return true;
  if (t.scope === 'province') return t.provinceCode === where.provinceCode;
  return t.countyCode === where.countyCode;
}

/**
 * The line for a place and year: the most specific scope (county, then province, then national)
 * that set a figure for that year; if none did, the most specific scope's latest earlier figure.
 * Null when no figure exists at or before the year. (Rules and households read lines with it.)
 */
export function pickThreshold<T extends ThresholdDefault>(
  all: T[],
  where: { provinceCode: string; countyCode: string },
  year: number,
): T | null {
  const candidates = all.filter((t) => applies(t, where) && t.year <= year);
  const exact = candidates.filter((t) => t.year === year).sort((a, b) => rank[a.scope] - rank[b.scope]);
  if (exact.length > 0) return exact[0];
  const earlier = candidates.sort((a, b) => rank[a.scope] - rank[b.scope] || b.year - a.year);
  return earlier[0] ?? null;
}
