import { z } from 'zod';
import { defineEvent, EventOf } from '../../event-definition';
import { Topics } from '../../topics';
import { careRosterEventBase } from '../care-roster-member-added.v1';

/** A person left the roster (no longer in the group, moved, died): no visit is due any more. Subject: householdId. */
export const CareRosterMemberRemovedV1 = defineEvent({
  type: 'household.care-roster-member-removed.v1',
  topic: Topics.households,
  key: 'subject',
  schema: z.object({ ...careRosterEventBase, reason: z.string().min(1).max(200) }),
});
export type CareRosterMemberRemovedV1 = EventOf<typeof CareRosterMemberRemovedV1>;
