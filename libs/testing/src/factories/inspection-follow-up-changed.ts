import { InspectionFollowUpChangedV1 } from '@lib/contracts';
import { eventFactory, testId, placeOf, TEST_VILLAGE, TEST_AT } from './factory';

/** A valid inspection-follow-up-changed.v1 (see libs/contracts), with overrides. */
export const inspectionFollowUpChanged = eventFactory<typeof InspectionFollowUpChangedV1>(
  InspectionFollowUpChangedV1,
  'supervision',
  () => ({
    inspectionId: testId('inspection'),
    teamId: testId('team'),
    townCode: placeOf().townCode,
    villageCode: TEST_VILLAGE,
    previousStatus: 'open',
    status: 'rectifying',
    note: '已安排整改',
    by: 'user:town',
    at: TEST_AT,
    sequence: 1,
  }),
  (d) => d.inspectionId,
);
