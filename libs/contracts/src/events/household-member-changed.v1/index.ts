import { z } from 'zod';
import { defineEvent, EventOf } from '../../event-definition';
import { Topics } from '../../topics';
import { householdEventBase, MemberSummary } from '../household-member-added.v1';

/** A member's fields changed; personal fields are named in changedFields, never their values. Subject: householdId. */
export const HouseholdMemberChangedV1 = defineEvent({
  type: 'household.member-changed.v1',
  topic: Topics.households,
  key: 'subject',
  schema: z.object({
    ...householdEventBase,
    changedFields: z.array(z.string()).min(1),
    member: MemberSummary,
  }),
});
export type HouseholdMemberChangedV1 = EventOf<typeof HouseholdMemberChangedV1>;
