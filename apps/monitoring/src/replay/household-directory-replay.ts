import {
  CloudEvent,
  DataOf,
  HouseholdClosedV1,
  HouseholdMemberAddedV1,
  HouseholdMemberRemovedV1,
  HouseholdRegisteredV1,
  Topics,
} from '@lib/contracts';
import {
  AppReplayOptions,
  KeyedFold,
  keyedBuilder,
  ReadModelReplayResult,
  replayReadModel,
} from '@lib/persistence';
import { KnownHousehold, registeredHousehold } from '../household-directory/known-household.schema';
import { HOUSEHOLD_DIRECTORY_READ_MODEL } from './household-directory-pointer';

export interface HouseholdDirectoryReplayResult extends ReadModelReplayResult {
  households: number;
}

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
 * and consuming (issue #17; the mechanism is libs/persistence's replayReadModel): the households are
 * folded in memory and written to the shadow `known_households_r<time>` per flush — the new ones in
 * one unordered insertMany, those written by an earlier flush and changed since in one bulk of
 * replacements by _id (keyedBuilder).
 */
export async function replayHouseholdDirectory(o: AppReplayOptions): Promise<HouseholdDirectoryReplayResult> {
  const fold = new HouseholdDirectoryFold();
  const result = await replayReadModel<KnownHousehold>(
    {
      ...o,
      topics: [`${o.topicPrefix}${Topics.households}`],
      readModel: HOUSEHOLD_DIRECTORY_READ_MODEL,
      collection: 'known_households',
    },
    keyedBuilder(fold, async (shadow) => {
      await shadow.createIndex({ villageCode: 1 }); // the schema's index (known-household.schema.ts)
    }),
  );
  return { ...result, households: fold.documents.size };
}
