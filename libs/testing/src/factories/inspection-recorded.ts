import { InspectionRecordedV1 } from '@lib/contracts';
import { eventFactory, testId, placeOf, TEST_VILLAGE, TEST_DAY } from './factory';

/** A valid inspection-recorded.v1 (see libs/contracts), with overrides. */
export const inspectionRecorded = eventFactory<typeof InspectionRecordedV1>(
  InspectionRecordedV1,
  'supervision',
  () => ({
    inspectionId: testId('inspection'),
    teamId: testId('team'),
    townCode: placeOf().townCode,
    villageCode: TEST_VILLAGE,
    inspectedOn: TEST_DAY,
    inspector: 'user:town',
    status: 'open',
    findings: [{ memberId: null, finding: '驻村日志不全', severity: 'medium' }],
  }),
  (d) => d.inspectionId,
);
