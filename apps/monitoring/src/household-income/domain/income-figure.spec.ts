import {
  addMonths,
  changeRatio,
  changesOf,
  chinaDate,
  currentFigure,
  monthlyHistory,
  PaymentFact,
  SurveyFact,
} from './income-figure';

const survey = (
  id: string,
  month: string,
  visitedAt: string,
  wage: number,
  residents: number,
): SurveyFact => ({
  surveyId: id,
  month,
  visitedAt: new Date(visitedAt),
  income: { wage, business: 0, property: 0, transfer: 0, businessCosts: 0 },
  residentMembers: residents,
});
const payment = (
  id: string,
  paidOn: string,
  amount: number,
  component: PaymentFact['component'] = 'property',
) => ({
  distributionId: id,
  projectId: 'p1',
  projectName: '茶叶合作社',
  kind: 'dividend',
  component,
  amount,
  paidOn,
});

describe('household income (收入台账)', () => {
  const s1 = survey('s1', '2026-09', '2026-09-10T02:00:00Z', 12000, 3); // 4000 per person
  const s2 = survey('s2', '2026-10', '2026-10-15T02:00:00Z', 15000, 3); // 5000 per person

  it('is the latest survey plus what was paid after its visit date', () => {
    const f = currentFigure(
      [s1, s2],
      [payment('d1', '2026-10-14', 900), payment('d2', '2026-10-20', 600.5)],
    )!;
    // d1 was paid before the 10-15 visit (included in that survey); d2 after: (15000 + 600.5) / 3 = 5200.17
    expect(f).toMatchObject({
      lastSurveyId: 's2',
      month: '2026-10',
      netIncome: 15600.5,
      perCapitaNetIncome: 5200.17,
    });
    expect(f.income.property).toBe(600.5);
    expect(f.payments.map((p) => p.distributionId)).toEqual(['d2']);
  });

  it('takes a payment on the visit day (China time) as included in the survey', () => {
    // 2026-10-15T17:00Z is already 10-16 in China
    const late = survey('s3', '2026-10', '2026-10-15T17:00:00Z', 3000, 1);
    expect(chinaDate(late.visitedAt)).toBe('2026-10-16');
    expect(currentFigure([late], [payment('d1', '2026-10-16', 100)])!.netIncome).toBe(3000);
    expect(currentFigure([late], [payment('d1', '2026-10-17', 100)])!.netIncome).toBe(3100);
  });

  it('the payment month becomes the figure month; wages count as wage income', () => {
    const f = currentFigure([s2], [payment('d1', '2026-11-03', 3000, 'wage')])!;
    expect(f).toMatchObject({ month: '2026-11', perCapitaNetIncome: 6000 });
    expect(f.income.wage).toBe(18000);
  });

  it('is unknown before the first survey', () => {
    expect(currentFigure([], [payment('d1', '2026-10-20', 500)])).toBeNull();
  });

  it('has no per-capita figure with no resident members', () => {
    expect(
      currentFigure([survey('s', '2026-10', '2026-10-01T00:00:00Z', 5000, 0)], [])!.perCapitaNetIncome,
    ).toBeNull();
  });

  it('month over month and year over year against the figures standing then', () => {
    const lastYear = survey('s0', '2025-10', '2025-10-05T02:00:00Z', 10000, 4); // 2500
    const f = currentFigure([lastYear, s1, s2], [])!;
    // 5000 vs 4000 (September) = +25 %; vs 2500 a year before = +100 %
    expect(changesOf(f, [lastYear, s1, s2], [])).toEqual({
      monthOverMonthChange: 0.25,
      yearOverYearChange: 1,
    });
    expect(changesOf(currentFigure([s2], [])!, [s2], [])).toEqual({
      monthOverMonthChange: null,
      yearOverYearChange: null,
    });
  });

  it('per-month history carries a figure forward until the next survey or payment', () => {
    const h = monthlyHistory([s1], [payment('d1', '2026-11-02', 3000)]);
    expect(h).toEqual([
      { month: '2026-09', perCapitaNetIncome: 4000, netIncome: 12000, lastSurveyId: 's1' },
      { month: '2026-10', perCapitaNetIncome: 4000, netIncome: 12000, lastSurveyId: 's1' },
      { month: '2026-11', perCapitaNetIncome: 5000, netIncome: 15000, lastSurveyId: 's1' },
    ]);
  });

  it('month arithmetic and ratios', () => {
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(addMonths('2026-11', -12)).toBe('2025-11');
    expect(addMonths('2025-12', 1)).toBe('2026-01');
    expect(changeRatio(-1000, 2000)).toBe(-1.5);
    expect(changeRatio(1000, -2000)).toBe(1.5);
    expect(changeRatio(1000, 0)).toBeNull();
    expect(changeRatio(null, 10)).toBeNull();
    expect(changeRatio(3333.33, 3000)).toBe(0.1111);
  });
});
