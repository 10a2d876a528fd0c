import { AssistanceIncomePaidV1 } from '@lib/contracts';
import { eventFactory, testId, placeOf, TEST_VILLAGE, TEST_DAY } from './factory';

/** A valid assistance.income-paid.v1 (a 公益岗位 wage; see libs/contracts), with overrides. */
export const assistanceIncomePaid = eventFactory<typeof AssistanceIncomePaidV1>(
  AssistanceIncomePaidV1,
  'projects',
  () => ({
    paymentId: testId('assistance-payment'),
    ledger: 'public_welfare_job',
    component: 'wage',
    recordId: testId('post'),
    recordName: '村级保洁员',
    householdId: testId('hh'),
    townCode: placeOf().townCode,
    villageCode: TEST_VILLAGE,
    amount: 3000,
    paidOn: TEST_DAY,
    recordedBy: 'user:village',
  }),
  (d) => d.householdId,
);
