import { HouseholdIncomeForecastV1 } from '@lib/contracts';
import { eventFactory, testId, placeOf, TEST_VILLAGE, TEST_AT } from './factory';

/** A valid household-income.forecast.v1 (see libs/contracts), with overrides. */
export const householdIncomeForecast = eventFactory<typeof HouseholdIncomeForecastV1>(
  HouseholdIncomeForecastV1,
  'monitoring',
  () => ({
    householdId: testId('hh'),
    townCode: placeOf().townCode,
    villageCode: TEST_VILLAGE,
    method: 'seasonal-naive-trend',
    baseMonth: '2026-10',
    current: 8600,
    months: [
      { month: '2026-11', expected: 8267, lower: 7600, upper: 8933 },
      { month: '2026-12', expected: 7933, lower: 7000, upper: 8866 },
      { month: '2027-01', expected: 7600, lower: 6450, upper: 8750 },
    ],
    yearEnd: { year: 2026, expected: 7933, lower: 7000, upper: 8866 },
    sigma: 520,
    reasons: [{ code: 'trend_wage', text: '工资性收入连续2个月下降 14%', effect: -1000 }],
    computedAt: TEST_AT,
  }),
  (d) => d.householdId,
);
