import type { Collection, Document } from 'mongodb';
import { Topics } from '@lib/contracts';
import { AppReplayOptions, ReadModelReplayResult, replayReadModel, ShadowWriter } from '@lib/persistence';
import {
  CARE_ROSTER_COLLECTION,
  CareMemberDoc,
  CareRosterFold,
  frequenciesCollectionOf,
} from '../care-visits/domain/care-roster-fold';
import { CARE_ROSTER_READ_MODEL } from './care-roster-pointer';

export interface CareRosterReplayResult extends ReadModelReplayResult {
  members: number;
  counties: number;
}

/**
 * Rebuilds rules' care roster (the roster and the counties' visit frequencies the daily 关爱走访逾期 pass
 * reads) from households.events.v1 while the app keeps serving and consuming (issue #17; the mechanism
 * is libs/persistence's replayReadModel): folded in memory (CareRosterFold) and written to the shadows
 * `care_roster_r<time>` and `care_frequencies_r<time>` per flush. Replay derives, it does not act: no
 * overdue alert is resolved (the live consumer's effect of a visit or a removal), nothing is published.
 */
export async function replayCareRoster(o: AppReplayOptions): Promise<CareRosterReplayResult> {
  const fold = new CareRosterFold();
  const roster = new ShadowWriter<CareMemberDoc>();
  const perCounty = new ShadowWriter<Document & { _id: string }>();
  let frequencies: Collection<Document & { _id: string }> | null = null;
  const result = await replayReadModel<CareMemberDoc>(
    {
      ...o,
      topics: [`${o.topicPrefix}${Topics.households}`],
      readModel: CARE_ROSTER_READ_MODEL,
      collection: CARE_ROSTER_COLLECTION,
    },
    {
      async prepare(shadow) {
        await shadow.createIndex({ removed: 1 });
        const name = frequenciesCollectionOf(shadow.collectionName);
        await o.db.createCollection(name);
        frequencies = o.db.collection(name);
      },
      apply: (events) => fold.apply(events),
      async flush(shadow) {
        await roster.flush(shadow, fold.changedMembers, (id) => fold.members.get(id));
        await perCounty.flush(frequencies!, fold.changedCounties, (id) => fold.frequencies.get(id));
      },
    },
  );
  return { ...result, members: fold.members.size, counties: fold.frequencies.size };
}
