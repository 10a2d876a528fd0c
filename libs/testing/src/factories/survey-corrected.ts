import { SurveyCorrectedV1 } from '@lib/contracts';
import { eventFactory, testId, placeOf, TEST_VILLAGE, TEST_AT, TEST_MONTH } from './factory';

/** A valid survey-corrected.v1 (see libs/contracts), with overrides. */
export const surveyCorrected = eventFactory<typeof SurveyCorrectedV1>(
  SurveyCorrectedV1,
  'monitoring',
  () => ({
    surveyId: testId('survey'),
    householdId: testId('hh'),
    townCode: placeOf().townCode,
    villageCode: TEST_VILLAGE,
    month: TEST_MONTH,
    visitedAt: TEST_AT,
    visitor: 'user:cadre',
    income: { wage: 18000, business: 0, property: 0, transfer: 0, businessCosts: 0 },
    netIncome: 18000,
    residentMembers: 2,
    perCapitaNetIncome: 9000,
    correction: {
      revision: 2,
      correctedBy: 'user:town',
      correctedAt: '2026-10-20T02:00:00.000Z',
      reason: '工资性收入录入有误',
      changedFields: ['income.wage'],
      previousPerCapitaNetIncome: 8000,
    },
  }),
  (d) => d.householdId,
);
