import { DepartmentFactSubmittedV1 } from '@lib/contracts';
import { eventFactory, testId, placeOf } from './factory';

/** A valid department-fact-submitted.v1 (see libs/contracts), with overrides. */
export const departmentFactSubmitted = eventFactory<typeof DepartmentFactSubmittedV1>(
  DepartmentFactSubmittedV1,
  'medical_insurance',
  () => ({
    department: 'medical_insurance',
    sourceRecordId: testId('rec'),
    kind: 'medical_out_of_pocket',
    countyCode: placeOf().countyCode,
    householdId: testId('hh'),
    amount: 12000,
    occurredOn: '2026-10-12',
    period: null,
    detail: {},
  }),
  (d) => `${d.department}:${d.sourceRecordId}`,
);
