import { MicrocreditRepaymentOverdueV1 } from '@lib/contracts';
import { eventFactory, testId, placeOf, TEST_VILLAGE, TEST_DAY } from './factory';

/** A valid microcredit.repayment-overdue.v1 (see libs/contracts), with overrides. */
export const microcreditRepaymentOverdue = eventFactory<typeof MicrocreditRepaymentOverdueV1>(
  MicrocreditRepaymentOverdueV1,
  'projects',
  () => ({
    loanId: testId('loan'),
    householdId: testId('hh'),
    townCode: placeOf().townCode,
    villageCode: TEST_VILLAGE,
    bank: '农村信用合作联社',
    dueOn: TEST_DAY,
    amountDue: 10000,
    detectedOn: TEST_DAY,
    daysOverdue: 0,
  }),
  (d) => d.householdId,
);
