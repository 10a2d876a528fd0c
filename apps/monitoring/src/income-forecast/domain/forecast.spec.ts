import {
  addMonths,
  forecastIncome,
  MonthlyFigure,
  monthsToBelowLine,
  reasonsText,
  WARN_CHANCE,
  zForChance,
} from './forecast';

const zero = { wage: 0, business: 0, property: 0, transfer: 0, businessCosts: 0 };

/** Figures from a list of per-capita values with only wage income (residents × value = wage). */
function wageSeries(start: string, perCapita: number[], residents: number): MonthlyFigure[] {
  return perCapita.map((p, i) => ({
    month: addMonths(start, i),
    perCapitaNetIncome: p,
    residentMembers: residents,
    income: { ...zero, wage: p * residents },
  }));
}

/** The 12-month figures of one resident with these monthly incomes (business), n months from `start`. */
function rolling(monthly: (month: string) => number, start: string, n: number): MonthlyFigure[] {
  return Array.from({ length: n }, (_, i) => {
    const month = addMonths(start, i);
    let ttm = 0;
    for (let k = 0; k < 12; k++) ttm += monthly(addMonths(month, -k));
    return { month, perCapitaNetIncome: ttm, residentMembers: 1, income: { ...zero, business: ttm } };
  });
}

describe('forecastIncome (季节性朴素法加近期趋势)', () => {
  it('flat: the same figure ahead, no reasons, a band of at least 3 % widening with √h', () => {
    const f = forecastIncome(wageSeries('2026-01', [9000, 9000, 9000, 9000, 9000, 9000], 3))!;
    expect(f.baseMonth).toBe('2026-06');
    expect(f.months.map((m) => [m.month, m.expected])).toEqual([
      ['2026-07', 9000],
      ['2026-08', 9000],
      ['2026-09', 9000],
    ]);
    // σ = 3 % of 9,000 = 270; 80 % band = 1.28 × 270 × √h
    expect(f.sigma).toBe(270);
    expect([f.months[0].lower, f.months[0].upper]).toEqual([8654, 9346]);
    expect([f.months[2].lower, f.months[2].upper]).toEqual([8401, 9599]); // 1.28 × 270 × √3 = 598.6
    expect(f.reasons).toEqual([]);
    expect(f.yearEnd).toMatchObject({ year: 2026, expected: 9000 });
    expect(reasonsText(f)).toBe('近期收入无明显变化');
    expect(monthsToBelowLine(f, 7600, 3)).toBeNull();
  });

  it('seasonal: a harvest month inside the 12-month figure is neither a rise nor a fall', () => {
    // monthly income: 500 a month, 3,000 in September (harvest); 12-month figure = 11 × 500 + 3,000 = 8,500
    const figures = rolling((m) => (m.endsWith('-09') ? 3000 : 500), '2025-12', 14);
    const f = forecastIncome(figures)!;
    expect(f.months.map((m) => m.expected)).toEqual([8500, 8500, 8500]);
    expect(f.reasons).toEqual([]);
  });

  it('seasonal with growth: each month brings last year’s same month + 100; half that trend is carried', () => {
    // 2026-01 … 2026-06: 8,600 … 9,100
    const figures = rolling(
      (m) => (m.endsWith('-09') ? 3000 : 500) + (m >= '2026-01' ? 100 : 0),
      '2026-01',
      6,
    );
    expect(figures.map((f) => f.perCapitaNetIncome)).toEqual([8600, 8700, 8800, 8900, 9000, 9100]);
    const f = forecastIncome(figures)!;
    // g = 100 a month, carried at half: +50 a month
    expect(f.months.map((m) => m.expected)).toEqual([9150, 9200, 9250]);
    // December = June + the trend for 3 months, then held
    expect(f.yearEnd.expected).toBe(9250);
    expect(f.reasons).toEqual([{ code: 'trend_business', text: '经营性收入连续5个月增长 6%', effect: 150 }]);
  });

  it('falling: wages down three months in a row are carried on (half the 6-month trend), and named as the reason', () => {
    // 3 residents, wage 30,000 → 27,900 → 25,800 → 23,700 after four steady months: per capita 10,000 → 7,900
    const f = forecastIncome(wageSeries('2026-02', [10000, 10000, 10000, 10000, 9300, 8600, 7900], 3))!;
    // (7,900 − 10,000) / 6 = −350 a month, carried at half: −175
    expect(f.months.map((m) => m.expected)).toEqual([7725, 7550, 7375]);
    // one-month-ahead errors 0, 0, 0, −700, −612.5 (9,300 − 87.5), −560 (8,600 − 140) → rms 443.2;
    // band 1.28 × 443.2 = 567
    expect(f.sigma).toBe(443);
    expect([f.months[0].lower, f.months[0].upper]).toEqual([7158, 8292]);
    expect(f.reasons).toEqual([{ code: 'trend_wage', text: '工资性收入连续3个月下降 21%', effect: -525 }]);
    expect(monthsToBelowLine(f, 7600, 3)).toBe(2);
    expect(monthsToBelowLine(f, 7400, 3)).toBe(3);
    expect(monthsToBelowLine(f, 7400, 2)).toBeNull();
    expect(monthsToBelowLine(f, 7100, 1, 'lower')).toBeNull();
    expect(monthsToBelowLine(f, 7200, 1, 'lower')).toBe(1);
    // a 45 % chance: expected − 0.126 σ √h = 7,669, 7,471, 7,278 — under 7,500 a month before the expected figure is
    expect(monthsToBelowLine(f, 7500, 3)).toBe(3);
    expect(monthsToBelowLine(f, 7500, 3, { chance: WARN_CHANCE })).toBe(2);
    expect(monthsToBelowLine(f, 7450, 3, { chance: WARN_CHANCE })).toBe(3);
    // a line per month (next year's for the months in it): 7,375 is not under a lower line in the third month
    expect(f.months.map((m) => m.month)).toEqual(['2026-09', '2026-10', '2026-11']);
    expect(monthsToBelowLine(f, [7500, 7500, 7300], 3)).toBeNull();
    expect(monthsToBelowLine(f, [7500, 7500, 7400], 3)).toBe(3);
  });

  it('the chance a warning needs: z of the normal for 50 %, 45 %, 40 % and 10 % (the 80 % band)', () => {
    expect(zForChance(0.5)).toBe(0);
    expect(zForChance(0.45)).toBeCloseTo(0.126, 2);
    expect(zForChance(0.4)).toBeCloseTo(0.253, 2);
    expect(zForChance(0.1)).toBeCloseTo(1.282, 2);
    expect(() => zForChance(0.6)).toThrow(RangeError);
  });

  it('a shock: a hospital stay stops one earner’s wage; a dividend not paid again comes off at its anniversary', () => {
    // 4 residents, wage 24,000 (6,000 per person); 2 earners: one earner = 3,000 per person a year = 250 a month
    const figures = wageSeries('2026-05', [9000, 9000, 9000, 9000, 9000, 9000], 4).map((f) => ({
      ...f,
      income: { ...zero, wage: 24000, transfer: 12000 },
    }));
    const f = forecastIncome(figures, [
      { kind: 'hospital_stay', on: '2026-10-08', amount: 18400, who: '户主' },
      {
        kind: 'dividend_stopped',
        on: '2026-10-31',
        projectName: '合作社',
        amount: 2000,
        lastPaidOn: '2025-11-20',
      },
    ])!;
    expect(f.baseMonth).toBe('2026-10');
    // hospital: −250 h; dividend: −2,000 / 4 = −500 from 2026-11 (a year after 2025-11)
    expect(f.months.map((m) => m.expected)).toEqual([8250, 8000, 7750]);
    expect(f.reasons).toEqual([
      { code: 'hospital_stay', text: '户主 2026-10 住院，自付 18,400 元', effect: -750 },
      { code: 'dividend_stopped', text: '合作社分红本年未发放（上年 2,000 元）', effect: -500 },
    ]);
    expect(reasonsText(f)).toBe('户主 2026-10 住院，自付 18,400 元；合作社分红本年未发放（上年 2,000 元）');
    // an old stay (more than 12 months before) is in the recorded figures already
    const old = forecastIncome(figures, [
      { kind: 'hospital_stay', on: '2025-08-01', amount: 5000, who: '家庭成员' },
    ])!;
    expect(old.months.map((m) => m.expected)).toEqual([9000, 9000, 9000]);
  });

  it('a shock the trend already shows is not counted twice', () => {
    // wage per person falling 250 a month already ≥ one earner's share: the return home adds nothing more
    const figures = [9750, 9500, 9250].map((p, i) => ({
      month: addMonths('2026-08', i),
      perCapitaNetIncome: p,
      residentMembers: 4,
      income: { ...zero, wage: 24000 - (i + 1) * 1000, transfer: p * 4 - (24000 - (i + 1) * 1000) },
    }));
    const f = forecastIncome(figures, [{ kind: 'returned_home', on: '2026-08-15', who: '家庭成员' }])!;
    // (9,250 − 9,750) / 2 = −250, at half: −125 a month
    expect(f.months.map((m) => m.expected)).toEqual([9125, 9000, 8875]);
    // on a flat series the return home is half an earner's wage: 24,000 / 4 / 2 earners = 3,000 per
    // person a year, 250 a month, half of it (local work): −125 a month
    const flat = wageSeries('2026-05', [9000, 9000, 9000, 9000, 9000, 9000], 4).map((x) => ({
      ...x,
      income: { ...zero, wage: 24000, transfer: 12000 },
    }));
    const home = forecastIncome(flat, [{ kind: 'returned_home', on: '2026-10-15', who: '户主' }])!;
    expect(home.months.map((m) => m.expected)).toEqual([8875, 8750, 8625]);
    expect(home.reasons[0].text).toBe('户主 2026-10 外出务工返乡，预计减少工资性收入');
  });

  it('gaps: a month without a figure keeps the last one; no figure, no forecast', () => {
    const f = forecastIncome([
      { month: '2026-01', perCapitaNetIncome: 9000, residentMembers: 2, income: { ...zero, wage: 18000 } },
      { month: '2026-04', perCapitaNetIncome: 8400, residentMembers: 2, income: { ...zero, wage: 16800 } },
    ])!;
    // 9,000, 9,000, 9,000, 8,400 → −200 a month, at half −100
    expect(f.months.map((m) => m.expected)).toEqual([8300, 8200, 8100]);
    expect(forecastIncome([])).toBeNull();
  });
});
