import { CareRosterMemberAddedV1 } from '@lib/contracts';
import { careRosterEntry } from './care-roster-entry';
import { eventFactory } from './factory';

/** A valid household.care-roster-member-added.v1 (see libs/contracts), with overrides. */
export const careRosterMemberAdded = eventFactory<typeof CareRosterMemberAddedV1>(
  CareRosterMemberAddedV1,
  'households',
  careRosterEntry,
  (d) => d.householdId,
);
