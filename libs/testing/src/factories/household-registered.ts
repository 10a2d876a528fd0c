import { HouseholdRegisteredV1 } from '@lib/contracts';
import { eventFactory, testId, placeOf } from './factory';

/** A valid household-registered.v1 (see libs/contracts), with overrides. */
export const householdRegistered = eventFactory<typeof HouseholdRegisteredV1>(
  HouseholdRegisteredV1,
  'households',
  () => ({
    householdId: testId('hh'),
    householdNumber: String(Math.floor(Math.random() * 1e6)).padStart(6, '0'),
    ...placeOf(),
    householdType: 'lifted_out_of_poverty',
    monitoringCategory: null,
    memberCount: 2,
    members: [
      {
        memberId: testId('member'),
        relation: 'head',
        sex: 'male',
        birthDate: '1970-03-01',
        labourSkill: 'ordinary',
      },
      {
        memberId: testId('member'),
        relation: 'spouse',
        sex: 'female',
        birthDate: '1972-05-01',
        labourSkill: 'weak',
      },
    ],
    registeredAt: '2026-01-05T02:00:00.000Z',
  }),
  (d) => d.householdId,
);
