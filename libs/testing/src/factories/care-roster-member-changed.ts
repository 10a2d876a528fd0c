import { CareRosterMemberChangedV1 } from '@lib/contracts';
import { careRosterEntry } from './care-roster-entry';
import { eventFactory } from './factory';

/** A valid household.care-roster-member-changed.v1 (see libs/contracts), with overrides. */
export const careRosterMemberChanged = eventFactory<typeof CareRosterMemberChangedV1>(
  CareRosterMemberChangedV1,
  'households',
  () => ({ ...careRosterEntry(), changed: ['carer' as const] }),
  (d) => d.householdId,
);
