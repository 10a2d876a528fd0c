import { HouseholdIncomeChangedV1 } from '@lib/contracts';
import { eventFactory, testId, placeOf, TEST_VILLAGE, TEST_AT, TEST_MONTH } from './factory';

/** A valid household-income-changed.v1 (see libs/contracts), with overrides. */
export const householdIncomeChanged = eventFactory<typeof HouseholdIncomeChangedV1>(
  HouseholdIncomeChangedV1,
  'monitoring',
  () => ({
    householdId: testId('hh'),
    townCode: placeOf().townCode,
    villageCode: TEST_VILLAGE,
    month: TEST_MONTH,
    asOf: TEST_AT,
    income: { wage: 18000, business: 0, property: 0, transfer: 0, businessCosts: 0 },
    netIncome: 18000,
    residentMembers: 2,
    perCapitaNetIncome: 9000,
    previousPerCapitaNetIncome: null,
    monthOverMonthChange: null,
    yearOverYearChange: null,
    cause: { kind: 'survey', id: testId('survey') },
    lastSurveyId: null,
  }),
  (d) => d.householdId,
);
