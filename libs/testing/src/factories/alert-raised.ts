import { AlertRaisedV1 } from '@lib/contracts';
import { eventFactory, testId, placeOf, TEST_VILLAGE, TEST_AT, TEST_MONTH } from './factory';

/** A valid alert-raised.v1 (see libs/contracts), with overrides. */
export const alertRaised = eventFactory<typeof AlertRaisedV1>(
  AlertRaisedV1,
  'rules',
  () => ({
    alertId: testId('alert'),
    ruleId: 'income-below-threshold',
    ruleVersion: 1,
    severity: 'high',
    subjectType: 'household',
    subjectId: testId('hh'),
    townCode: placeOf().townCode,
    villageCode: TEST_VILLAGE,
    period: TEST_MONTH,
    title: '人均纯收入低于监测范围',
    message: '本户人均纯收入 5000 元，低于监测范围 7800 元',
    explanation: [{ name: 'perCapitaNetIncome', label: '人均纯收入', value: 5000 }],
    recipientRoles: ['village_cadre'],
    raisedAt: TEST_AT,
  }),
  (d) => d.subjectId,
);
