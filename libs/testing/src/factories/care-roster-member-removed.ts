import { CareRosterMemberRemovedV1 } from '@lib/contracts';
import { careRosterEntry } from './care-roster-entry';
import { eventFactory } from './factory';

/** A valid household.care-roster-member-removed.v1 (see libs/contracts), with overrides. */
export const careRosterMemberRemoved = eventFactory<typeof CareRosterMemberRemovedV1>(
  CareRosterMemberRemovedV1,
  'households',
  () => ({ ...careRosterEntry(), reason: '外出子女返乡，不再独居' }),
  (d) => d.householdId,
);
