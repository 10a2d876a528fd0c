import { SurveyRecordedV1 } from '@lib/contracts';
import { eventFactory, testId, placeOf, TEST_VILLAGE, TEST_AT, TEST_MONTH } from './factory';

/** A valid survey-recorded.v1 (see libs/contracts), with overrides. */
export const surveyRecorded = eventFactory<typeof SurveyRecordedV1>(
  SurveyRecordedV1,
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
  }),
  (d) => d.householdId,
);
