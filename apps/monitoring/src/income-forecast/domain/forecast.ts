/**
 * 收入趋势预测 (income forecast), pure: no framework, no I/O.
 *
 * Method — 季节性朴素法加近期趋势 (seasonal naive + recent trend), in one sentence for a county official:
 * "每个月的收入按去年同月计，再加上近六个月同比变化的一半，已知的大病、住院、外出务工返乡、分红停发按其影响扣减；
 *  3个月内某月低于监测范围的可能性达到45%即预警。"
 * (each coming month is expected to bring what the same month brought last year, plus half the
 * year-on-year change of the last six months; known shocks are taken off by their effect; a warning
 * when the chance of a month under the line within 3 months reaches 45 %).
 *
 * The series it reads is the figure monitoring records every month: per-capita net income over the
 * last 12 months (a survey records the 12-month income). For such a rolling 12-month figure P, the
 * seasonal naive forecast of each month's income plus the last six months' average year-on-year
 * change g is exactly P(t+h) = P(t) + h·g with g = (P(t) − P(t−6)) / 6: the season is already inside
 * the 12-month figure (a harvest month does not look like a rise, a lean month not like a fall).
 * The trend is taken over six months (fewer while the history is shorter): a month's change of a
 * 12-month figure is mostly the visitor's recording noise, and over six months that noise weighs
 * half as much as over three while a real loss (a job, an earner) keeps showing; it is carried at
 * half (g/2): a damped trend, since the full trend followed the noise (see the bench's table).
 *
 * Warning (WARN_CHANCE): the forecast is a normal N(expected, (σ√h)²); a month is "likely under the
 * line" when the chance of it is at least 45 %, i.e. expected − 0.126·σ√h < line. Why not 50 % (the
 * expected figure alone): the aim is at most one false warning per true one, i.e. a warning right at
 * least half the time, and a warning covers three months: a chance just under even in one of them
 * is an even chance or more over the three. 45 % is a decision threshold chosen on the backtest
 * among 50 / 45 / 40 % (bench/forecast: 40 % warns more than one false per true one, 50 % misses
 * half the falls); the 80 % band's lower end is a 10 % chance: three or four false per true.
 *
 * Shocks (stated assumptions; the backtest measures what they are worth):
 *  - a member's serious illness or hospital stay: one earner's wage stops — earners =
 *    max(1, round(residents / 2)), each earning an equal share of the household's wage income; the
 *    rolling figure then loses 1/12 of that share a month; a member back home from migrant work: half
 *    of it (local work pays less than migrant work, but it is work: RETURNED_HOME_LOSS);
 *  - a disaster report: its declared loss (else 30 % of the business income) comes off once;
 *  - a project dividend paid a year ago that has not come again within a month of its anniversary
 *    (合作社分红本年未发放): its amount comes off (the rolling figure drops by it once it is a year old).
 * Shocks older than 12 months are in the recorded figures already and are ignored; a trend already
 * showing the same fall is not counted twice (an earner's loss is capped by the trend's share of it).
 *
 * Uncertainty: the root mean square of the method's own one-month-ahead errors on the household's
 * history (up to 12), at least 3 % of the current figure, widened by √h; the band is ±1.28σ√h (80 %).
 */
import { zForChance } from '@lib/contracts';

export interface IncomeComponentsValue {
  wage: number;
  business: number;
  property: number;
  transfer: number;
  businessCosts: number;
}

/** The recorded figure standing at the end of a month (12-month income). */
export interface MonthlyFigure {
  month: string; // YYYY-MM
  perCapitaNetIncome: number;
  residentMembers: number;
  income: IncomeComponentsValue;
}

export type Shock =
  | { kind: 'hospital_stay'; on: string; amount: number | null; who: string }
  | { kind: 'serious_illness'; on: string; who: string }
  | { kind: 'returned_home'; on: string; who: string }
  | { kind: 'disaster'; on: string; amount: number | null; subType: string | null }
  | { kind: 'dividend_stopped'; on: string; projectName: string; amount: number; lastPaidOn: string };

export interface ForecastReason {
  /** trend_wage, trend_business, … or the shock kind */
  code: string;
  /** Chinese, for the alert and the household page. */
  text: string;
  /** Its effect on the per-capita figure three months ahead (yuan, negative = lower). */
  effect: number;
}

export interface ForecastMonth {
  month: string;
  expected: number;
  lower: number;
  upper: number;
}

export interface Forecast {
  method: 'seasonal-naive-trend';
  /** The month of the last recorded figure the forecast starts from. */
  baseMonth: string;
  current: number;
  months: ForecastMonth[];
  /** The per-capita figure expected for the current calendar year (at December; the trend carried at most 3 months, then held). */
  yearEnd: { year: number; expected: number; lower: number; upper: number };
  /** σ of one month ahead (yuan per person). */
  sigma: number;
  reasons: ForecastReason[];
}

export const HORIZON = 3;
const Z80 = 1.28;
const COMPONENTS = ['wage', 'business', 'property', 'transfer', 'businessCosts'] as const;
const COMPONENT_LABEL: Record<(typeof COMPONENTS)[number], string> = {
  wage: '工资性收入',
  business: '经营性收入',
  property: '财产性收入',
  transfer: '转移性收入',
  businessCosts: '生产经营费用',
};

export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number);
  const i = y * 12 + (m - 1) + n;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
}

export function monthsBetween(from: string, to: string): number {
  const [y1, m1] = from.split('-').map(Number);
  const [y2, m2] = to.split('-').map(Number);
  return y2 * 12 + m2 - (y1 * 12 + m1);
}

const round = (x: number) => Math.round(x) + 0;
const yuan = (x: number) => Math.round(x).toLocaleString('en-US');

/** The figures month by month, one per month (a month without its own figure keeps the last one), oldest first. */
export function regularSeries(figures: MonthlyFigure[]): MonthlyFigure[] {
  const sorted = [...figures].sort((a, b) => a.month.localeCompare(b.month));
  const out: MonthlyFigure[] = [];
  for (const f of sorted) {
    const last = out[out.length - 1];
    if (last && last.month === f.month) {
      out[out.length - 1] = f;
      continue;
    }
    if (last)
      for (let m = addMonths(last.month, 1); m < f.month; m = addMonths(m, 1))
        out.push({ ...last, month: m });
    out.push(f);
  }
  return out;
}

/** Months of history the trend is taken over. */
export const TREND_MONTHS = 6;
/** g: the average monthly change of the last six months (fewer when the history is shorter). */
function rawSlopeAt(values: number[], i: number): number {
  const k = Math.min(TREND_MONTHS, i);
  return k === 0 ? 0 : (values[i] - values[i - k]) / k;
}
/** The share of the recent trend carried forward (a damped trend). */
export const TREND_WEIGHT = 0.5;
const slopeAt = (values: number[], i: number) => TREND_WEIGHT * rawSlopeAt(values, i);

function perCapita(f: MonthlyFigure, c: (typeof COMPONENTS)[number]) {
  return f.residentMembers > 0 ? f.income[c] / f.residentMembers : 0;
}

/** How many months in a row the component fell (or rose) up to the last figure, and by how much in all. */
function run(series: MonthlyFigure[], c: (typeof COMPONENTS)[number]) {
  const v = series.map((f) => f.income[c]);
  const last = v.length - 1;
  if (last < 1 || v[last] === v[last - 1]) return null;
  const down = v[last] < v[last - 1];
  let k = 1;
  while (last - k - 1 >= 0 && (down ? v[last - k] < v[last - k - 1] : v[last - k] > v[last - k - 1])) k++;
  const from = v[last - k];
  return { months: k, down, ratio: from === 0 ? null : Math.abs(v[last] - from) / Math.abs(from) };
}

const earnerShare = (f: MonthlyFigure) => {
  const earners = Math.max(1, Math.round(f.residentMembers / 2));
  return perCapita(f, 'wage') / earners; // per person, per year
};

/** The forecast from the recorded figures and the known shocks; null without any figure. */
export function forecastIncome(figures: MonthlyFigure[], shocks: Shock[] = []): Forecast | null {
  const series = regularSeries(figures);
  if (series.length === 0) return null;
  const last = series[series.length - 1];
  const t = series.length - 1;
  const P = series.map((f) => f.perCapitaNetIncome);
  const g = slopeAt(P, t);

  // σ: one-month-ahead errors of the same method on the household's own history
  const errors: number[] = [];
  for (let i = Math.max(1, t - 11); i <= t; i++) errors.push(P[i] - (P[i - 1] + slopeAt(P, i - 1)));
  const rms = errors.length ? Math.sqrt(errors.reduce((s, e) => s + e * e, 0) / errors.length) : 0;
  const sigma = Math.max(rms, 0.03 * Math.abs(last.perCapitaNetIncome));

  // shocks: per-capita effect at each horizon month
  const effects: Array<{ reason: Omit<ForecastReason, 'effect'>; at: (h: number) => number }> = [];
  const recent = (on: string) => {
    const age = monthsBetween(on.slice(0, 7), last.month);
    return age >= -HORIZON && age < 12;
  };
  // an earner lost: once per household (the largest cause), the trend already showing it not counted twice
  type EarnerLoss = Extract<Shock, { kind: 'hospital_stay' | 'serious_illness' | 'returned_home' }>;
  const earnerLosses = shocks.filter(
    (s): s is EarnerLoss =>
      (s.kind === 'hospital_stay' || s.kind === 'serious_illness' || s.kind === 'returned_home') &&
      recent(s.on),
  );
  if (earnerLosses.length > 0) {
    const s = earnerLosses.sort((a, b) => b.on.localeCompare(a.on))[0];
    // per person per month; back from migrant work, an earner usually finds local work at a lower
    // wage rather than none: half the share (an illness or a hospital stay stops the wage)
    const share = (earnerShare(last) / 12) * (s.kind === 'returned_home' ? RETURNED_HOME_LOSS : 1);
    const trendWage = Math.min(
      0,
      rawSlopeAt(
        series.map((f) => perCapita(f, 'wage')),
        t,
      ),
    );
    const perMonth = Math.max(0, share + trendWage); // what the trend does not show yet
    const start = monthsBetween(last.month, s.on.slice(0, 7)); // ≤ 0 when already happened
    const text =
      s.kind === 'returned_home'
        ? `${s.who} ${s.on.slice(0, 7)} 外出务工返乡，预计减少工资性收入`
        : s.kind === 'hospital_stay'
          ? `${s.who} ${s.on.slice(0, 7)} 住院${s.amount !== null ? `，自付 ${yuan(s.amount)} 元` : ''}`
          : `${s.who} ${s.on.slice(0, 7)} 新确诊大病`;
    effects.push({
      reason: { code: s.kind, text },
      at: (h) => -perMonth * Math.max(0, h - Math.max(0, start)),
    });
  }
  for (const s of shocks) {
    if (s.kind === 'disaster' && recent(s.on)) {
      const loss =
        s.amount !== null && last.residentMembers > 0
          ? s.amount / last.residentMembers
          : 0.3 * perCapita(last, 'business');
      const start = Math.max(1, monthsBetween(last.month, s.on.slice(0, 7)));
      effects.push({
        reason: {
          code: 'disaster',
          text: `${s.on.slice(0, 7)} 受灾${s.subType ? `（${s.subType}）` : ''}${s.amount !== null ? `，损失 ${yuan(s.amount)} 元` : ''}`,
        },
        at: (h) => (h >= start ? -loss : 0),
      });
    }
    if (s.kind === 'dividend_stopped' && last.residentMembers > 0) {
      // the rolling figure loses it once last year's payment is 12 months old
      const drop = monthsBetween(last.month, addMonths(s.lastPaidOn.slice(0, 7), 12));
      // already a year old: the recorded figures no longer hold it (not counted twice)
      if (drop >= 0 && drop <= HORIZON)
        effects.push({
          reason: {
            code: 'dividend_stopped',
            text: `${s.projectName}分红本年未发放（上年 ${yuan(s.amount)} 元）`,
          },
          at: (h) => (h >= drop ? -s.amount / last.residentMembers : 0),
        });
    }
  }

  const shockAt = (h: number) => effects.reduce((sum, e) => sum + e.at(h), 0);
  const months: ForecastMonth[] = [];
  for (let h = 1; h <= HORIZON; h++) {
    const expected = last.perCapitaNetIncome + h * g + shockAt(h);
    const band = Z80 * sigma * Math.sqrt(h);
    months.push({
      month: addMonths(last.month, h),
      expected: round(expected),
      lower: round(expected - band),
      upper: round(expected + band),
    });
  }
  const year = Number(last.month.slice(0, 4));
  const toDec = 12 - Number(last.month.slice(5, 7));
  const hYear = Math.min(toDec, HORIZON);
  const yearExpected = last.perCapitaNetIncome + hYear * g + shockAt(hYear);
  const yearBand = Z80 * sigma * Math.sqrt(Math.max(1, toDec));

  // reasons: the trend split by component (per-capita), and the shocks, by their effect at 3 months
  const reasons: ForecastReason[] = [];
  for (const c of COMPONENTS) {
    const slope =
      slopeAt(
        series.map((f) => perCapita(f, c)),
        t,
      ) * (c === 'businessCosts' ? -1 : 1);
    const effect = round(HORIZON * slope);
    if (effect === 0) continue;
    const r = run(series, c);
    const pct = r?.ratio != null ? ` ${Math.round(r.ratio * 100)}%` : '';
    const text = r
      ? `${COMPONENT_LABEL[c]}连续${r.months}个月${r.down ? '下降' : '增长'}${pct}`
      : `${COMPONENT_LABEL[c]}近${TREND_MONTHS}个月${slope < 0 ? '下降' : '增长'}`;
    reasons.push({ code: `trend_${c}`, text, effect });
  }
  for (const e of effects) reasons.push({ ...e.reason, effect: round(e.at(HORIZON)) });
  reasons.sort((a, b) => a.effect - b.effect || a.code.localeCompare(b.code));

  return {
    method: 'seasonal-naive-trend',
    baseMonth: last.month,
    current: round(last.perCapitaNetIncome),
    months,
    yearEnd: {
      year,
      expected: round(yearExpected),
      lower: round(yearExpected - yearBand),
      upper: round(yearExpected + yearBand),
    },
    sigma: round(sigma),
    // the facts that moved it most: what lowers it first, then what raises it; at most five
    reasons: reasons.filter((r) => r.effect !== 0).slice(0, 5),
  };
}

/** The share of an earner's wage lost when they come home from migrant work (local work pays less, not nothing). */
export const RETURNED_HOME_LOSS = 0.5;

/** The chance of a month under the line at which monitoring counts a household at risk (the catalogue rule's too). */
export const WARN_CHANCE = 0.45;

export { zForChance };

/**
 * The first forecast month under the line within n months; null if none. `bound`: its expected
 * figure, the lower end of its 80 % band, or a chance (0.4: under the line with at least a 40 %
 * chance, expected − z·σ√h). `lines`: the line of each month when they differ (next year's).
 */
export function monthsToBelowLine(
  f: Pick<Forecast, 'months' | 'sigma'>,
  line: number | number[],
  withinMonths: number,
  bound: 'expected' | 'lower' | { chance: number } = 'expected',
): number | null {
  for (let h = 1; h <= Math.min(withinMonths, f.months.length); h++) {
    const m = f.months[h - 1];
    const value =
      typeof bound === 'string' ? m[bound] : m.expected - zForChance(bound.chance) * f.sigma * Math.sqrt(h);
    if (value < (Array.isArray(line) ? line[h - 1] : line)) return h;
  }
  return null;
}

/** The reasons as one Chinese sentence (the alert's message). */
export function reasonsText(f: Pick<Forecast, 'reasons'>): string {
  return f.reasons.length ? f.reasons.map((r) => r.text).join('；') : '近期收入无明显变化';
}
