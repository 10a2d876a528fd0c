import { HouseholdPairingChangedV1 } from '@lib/contracts';
import { eventFactory, testId, placeOf, TEST_VILLAGE, TEST_AT } from './factory';

/** A valid household-pairing-changed.v1 (see libs/contracts), with overrides. */
export const householdPairingChanged = eventFactory<typeof HouseholdPairingChangedV1>(
  HouseholdPairingChangedV1,
  'households',
  () => ({
    householdId: testId('hh'),
    townCode: placeOf().townCode,
    villageCode: TEST_VILLAGE,
    version: 2,
    by: 'user:village',
    at: TEST_AT,
    cadres: [{ userId: 'user:cadre', name: '李四', orgUnit: TEST_VILLAGE }],
    added: ['user:cadre'],
    removed: [],
  }),
  (d) => d.householdId,
);
