import { z } from 'zod';
import { defineEvent, EventOf } from '../../event-definition';
import { Topics } from '../../topics';
import { householdEventBase } from '../household-member-added.v1';

/**
 * Household fields changed (PATCH). `changes` holds the new values of the fields that are not personal
 * data; personal ones (contactPhone) are only named in changedFields. Subject: householdId.
 */
export const HouseholdUpdatedV1 = defineEvent({
  type: 'household.updated.v1',
  topic: Topics.households,
  key: 'subject',
  schema: z.object({
    ...householdEventBase,
    changedFields: z.array(z.string()).min(1),
    changes: z.record(z.string(), z.unknown()),
  }),
});
export type HouseholdUpdatedV1 = EventOf<typeof HouseholdUpdatedV1>;
