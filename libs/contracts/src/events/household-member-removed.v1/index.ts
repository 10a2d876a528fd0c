import { z } from 'zod';
import { defineEvent, EventOf } from '../../event-definition';
import { Topics } from '../../topics';
import { householdEventBase } from '../household-member-added.v1';

/** A member left the household (death, moving out, marriage, an entry made in error). Subject: householdId. */
export const HouseholdMemberRemovedV1 = defineEvent({
  type: 'household.member-removed.v1',
  topic: Topics.households,
  key: 'subject',
  schema: z.object({
    ...householdEventBase,
    memberId: z.string().min(1),
    idNumberHash: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .optional(),
    reason: z.enum(['deceased', 'moved_out', 'married_out', 'error', 'other']),
  }),
});
export type HouseholdMemberRemovedV1 = EventOf<typeof HouseholdMemberRemovedV1>;
