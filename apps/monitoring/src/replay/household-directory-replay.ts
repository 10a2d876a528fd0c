import {
  CloudEvent,
  DataOf,
  HouseholdClosedV1,
  HouseholdMemberAddedV1,
  HouseholdMemberRemovedV1,
  HouseholdRegisteredV1,
} from '@lib/contracts';
import {
  AppReplayOptions,
  HouseholdDirectoryReplayResult,
  KeyedFold,
  replayKnownHouseholds,
} from '@lib/persistence';

export type { HouseholdDirectoryReplayResult };
import { KnownHousehold, registeredHousehold } from '../household-directory/known-household.schema';

/**
 * Folds households.events.v1 into the directory's documents in memory, as the live consumer writes
 * them (HouseholdDirectory): a registration creates the household once; members added and removed are
 * sets of ids; 注销 keeps the first closure's day and reason; events of a household never registered
 * change nothing. Replay derives the directory only: coverage and the member-hash index are not touched.
 */
export class HouseholdDirectoryFold extends KeyedFold<KnownHousehold> {
  protected fold(e: CloudEvent): string[] {
    const id = this.changedBy(e);
    return id ? [id] : [];
  }

  /** The household the event changed, null if none. */
  private changedBy(e: CloudEvent): string | null {
    if (e.type === HouseholdRegisteredV1.type) {
      const d = e.data as DataOf<typeof HouseholdRegisteredV1>;
      if (this.documents.has(d.householdId)) return null;
      this.documents.set(d.householdId, { _id: d.householdId, ...registeredHousehold(d) });
      return d.householdId;
    }
    if (e.type === HouseholdClosedV1.type) {
      const d = e.data as DataOf<typeof HouseholdClosedV1>;
      const h = this.documents.get(d.householdId);
      if (!h || h.closedOn) return null;
      h.closedOn = d.on;
      h.closureReason = d.reason;
      return h._id;
    }
    if (e.type === HouseholdMemberAddedV1.type) {
      const d = e.data as DataOf<typeof HouseholdMemberAddedV1>;
      const h = this.documents.get(d.householdId);
      if (!h || h.addedMemberIds?.includes(d.member.memberId)) return null;
      h.addedMemberIds = [...(h.addedMemberIds ?? []), d.member.memberId];
      return h._id;
    }
    if (e.type === HouseholdMemberRemovedV1.type) {
      const d = e.data as DataOf<typeof HouseholdMemberRemovedV1>;
      const h = this.documents.get(d.householdId);
      if (!h || h.removedMemberIds?.includes(d.memberId)) return null;
      h.removedMemberIds = [...(h.removedMemberIds ?? []), d.memberId];
      return h._id;
    }
    return null;
  }
}

/**
 * Rebuilds monitoring's household directory from households.events.v1 while the app keeps serving
 * and consuming (issue #17; libs/persistence, replayKnownHouseholds): the households are folded in
 * memory (HouseholdDirectoryFold) and written to the shadow `known_households_r<time>` per flush.
 */
export function replayHouseholdDirectory(o: AppReplayOptions): Promise<HouseholdDirectoryReplayResult> {
  return replayKnownHouseholds(o, new HouseholdDirectoryFold());
}
