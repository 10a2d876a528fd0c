import { AlertAcknowledgedV1 } from '@lib/contracts';
import { eventFactory, testId, TEST_AT } from './factory';

/** A valid alert-acknowledged.v1 (see libs/contracts), with overrides. */
export const alertAcknowledged = eventFactory<typeof AlertAcknowledgedV1>(
  AlertAcknowledgedV1,
  'rules',
  () => ({
    alertId: testId('alert'),
    ruleId: 'income-below-threshold',
    subjectId: testId('hh'),
    acknowledgedBy: 'user:town',
    acknowledgedAt: TEST_AT,
  }),
  (d) => d.subjectId,
);
