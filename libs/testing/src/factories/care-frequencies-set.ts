import { CareFrequenciesSetV1 } from '@lib/contracts';
import { eventFactory, placeOf, TEST_AT } from './factory';

/** A valid household.care-frequencies-set.v1 (see libs/contracts), with overrides. */
export const careFrequenciesSet = eventFactory<typeof CareFrequenciesSetV1>(
  CareFrequenciesSetV1,
  'households',
  () => ({
    countyCode: placeOf().countyCode,
    frequencies: { living_alone_elderly: 7, left_behind_child: 30 },
    by: 'user:county',
    at: TEST_AT,
  }),
  (d) => d.countyCode,
);
