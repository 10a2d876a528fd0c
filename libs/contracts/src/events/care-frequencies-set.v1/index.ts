import { z } from 'zod';
import { defineEvent, EventOf } from '../../event-definition';
import { Topics } from '../../topics';
import { CountyCode } from '../../domain';
import { CareFrequencies } from '../../care-roster';

/** A county set its 关爱走访 frequencies: the full set in force (days per group). Subject: countyCode. */
export const CareFrequenciesSetV1 = defineEvent({
  type: 'household.care-frequencies-set.v1',
  topic: Topics.households,
  key: 'subject',
  schema: z.object({
    countyCode: CountyCode,
    frequencies: CareFrequencies,
    by: z.string().min(1),
    at: z.iso.datetime({ offset: true }),
  }),
});
export type CareFrequenciesSetV1 = EventOf<typeof CareFrequenciesSetV1>;
