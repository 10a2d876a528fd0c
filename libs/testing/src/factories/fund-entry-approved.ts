import { FundEntryApprovedV1 } from '@lib/contracts';
import { eventFactory, testId, placeOf, TEST_VILLAGE, TEST_AT, TEST_DAY } from './factory';

/** A valid fund-entry-approved.v1 (see libs/contracts), with overrides. */
export const fundEntryApproved = eventFactory<typeof FundEntryApprovedV1>(
  FundEntryApprovedV1,
  'supervision',
  () => ({
    fundEntryId: testId('fund'),
    teamId: testId('team'),
    townCode: placeOf().townCode,
    villageCode: TEST_VILLAGE,
    spentOn: TEST_DAY,
    amountFen: 120000,
    category: '办公经费',
    decidedBy: 'user:town',
    decidedAt: TEST_AT,
  }),
  (d) => d.teamId,
);
