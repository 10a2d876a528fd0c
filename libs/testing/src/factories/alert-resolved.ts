import { AlertResolvedV1 } from '@lib/contracts';
import { eventFactory, testId, TEST_AT } from './factory';

/** A valid alert-resolved.v1 (see libs/contracts), with overrides. */
export const alertResolved = eventFactory<typeof AlertResolvedV1>(
  AlertResolvedV1,
  'rules',
  () => ({
    alertId: testId('alert'),
    ruleId: 'income-below-threshold',
    subjectId: testId('hh'),
    resolution: 'auto',
    resolvedAt: TEST_AT,
  }),
  (d) => d.subjectId,
);
