import {
  householdIncomeChanged,
  householdIncomeForecast,
  householdRegistered,
  projectBeneficiaryWithoutBenefit,
  thresholdSet,
} from '@lib/testing';
import { IncomeForecastFold } from './income-forecast-replay';

const computedAt = '2026-10-15T02:00:00.000Z';

/** The replay folds the forecasts monitoring announced, as RecomputeForecast stores them (recompute-forecast.usecase.ts). */
describe('income forecast fold (replay)', () => {
  it('keeps the latest forecast, under the lines standing at its last recompute, with the household number', () => {
    const fold = new IncomeForecastFold();
    const forecast = householdIncomeForecast({ householdId: 'hh-1', computedAt });
    fold.apply([
      thresholdSet({ amount: 7800, setAt: '2026-01-01T00:00:00.000Z' }),
      forecast,
      thresholdSet({ amount: 9000, setAt: '2026-10-20T00:00:00.000Z' }), // set after it: not its line
      householdIncomeForecast({ householdId: 'hh-1', computedAt: '2026-10-01T00:00:00.000Z', current: 1 }),
      householdRegistered({ householdId: 'hh-1', householdNumber: '0042' }), // another topic, read later
    ]);
    const d = forecast.data;
    expect(fold.record('hh-1')).toEqual({
      _id: 'hh-1',
      countyCode: '621299',
      townCode: d.townCode,
      villageCode: d.villageCode,
      householdNumber: '0042',
      method: d.method,
      baseMonth: '2026-10',
      current: 8600,
      months: d.months,
      yearEnd: d.yearEnd,
      sigma: d.sigma,
      reasons: d.reasons,
      line: 7800,
      monthLines: [
        { month: '2026-11', line: 7800 },
        { month: '2026-12', line: 7800 },
        { month: '2027-01', line: 7800 },
      ],
      lineNote: '2027年监测范围尚未设定，2027年各月按2026年监测范围（7800 元）计',
      // 7600 − 0.126 × 520 × √3 < 7800 in the third month
      monthsToLine: 3,
      atRisk: true,
      computedAt: new Date(computedAt),
    });

    // an income change after the new line recomputed the same forecast under it (no new forecast)
    fold.changed.clear();
    fold.apply([householdIncomeChanged({ householdId: 'hh-1' }, { time: new Date('2026-10-25T00:00:00Z') })]);
    expect([...fold.changed]).toEqual(['hh-1']);
    expect(fold.record('hh-1')).toMatchObject({ line: 9000, monthsToLine: 1, atRisk: false, current: 8600 });
    expect(fold.record('hh-2')).toBeNull();
  });

  it('keeps a benefit gap once per link and year, the first event’s', () => {
    const fold = new IncomeForecastFold();
    const gap = projectBeneficiaryWithoutBenefit({ beneficiaryId: 'b-1', year: 2026, householdId: 'hh-3' });
    const applied = fold.apply([gap, projectBeneficiaryWithoutBenefit({ beneficiaryId: 'b-1', year: 2026 })]);
    expect(applied).toBe(1);
    expect([...fold.gaps.values()]).toEqual([
      {
        _id: 'b-1:2026',
        householdId: 'hh-3',
        projectId: gap.data.projectId,
        projectName: gap.data.projectName,
        kind: 'dividend',
        year: 2026,
        detectedOn: gap.data.detectedOn,
        eventId: gap.id,
      },
    ]);
  });
});
