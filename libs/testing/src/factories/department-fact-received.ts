import { DepartmentFactReceivedV1 } from '@lib/contracts';
import { eventFactory, testId, placeOf, TEST_VILLAGE } from './factory';

/** A valid department-fact-received.v1 (see libs/contracts), with overrides. */
export const departmentFactReceived = eventFactory<typeof DepartmentFactReceivedV1>(
  DepartmentFactReceivedV1,
  'monitoring',
  () => ({
    factId: testId('fact'),
    department: 'medical_insurance',
    kind: 'medical_out_of_pocket',
    householdId: testId('hh'),
    memberId: null,
    townCode: placeOf().townCode,
    villageCode: TEST_VILLAGE,
    amount: 12000,
    occurredOn: '2026-10-12',
    period: null,
    detail: {},
    receivedAt: '2026-10-13T01:00:00.000Z',
  }),
  (d) => d.householdId,
);
