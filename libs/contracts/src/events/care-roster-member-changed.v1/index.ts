import { z } from 'zod';
import { defineEvent, EventOf } from '../../event-definition';
import { Topics } from '../../topics';
import { careRosterEventBase } from '../care-roster-member-added.v1';

/** A roster entry changed (group, carer or since): the entry as it is now. Subject: householdId. */
export const CareRosterMemberChangedV1 = defineEvent({
  type: 'household.care-roster-member-changed.v1',
  topic: Topics.households,
  key: 'subject',
  schema: z.object({ ...careRosterEventBase, changed: z.array(z.enum(['group', 'carer', 'since'])).min(1) }),
});
export type CareRosterMemberChangedV1 = EventOf<typeof CareRosterMemberChangedV1>;
