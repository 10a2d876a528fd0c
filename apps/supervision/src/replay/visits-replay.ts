import { Topics } from '@lib/contracts';
import { AppReplayOptions, insertIntoShadow, ReadModelReplayResult, replayReadModel } from '@lib/persistence';
import { VISITS_COLLECTION, VisitRecord, Visitor, VisitsFold } from '../visits/domain/visits-fold';
import { VISITS_READ_MODEL } from './visits-pointer';

export interface VisitsReplayResult extends ReadModelReplayResult {
  visits: number;
  members: number;
}

/**
 * Rebuilds supervision's visits of team members from monitoring's surveys (survey.recorded.v1 on
 * monitoring.events.v1) while the app keeps serving and consuming (issue #17; the mechanism is
 * libs/persistence's replayReadModel): each survey is attributed with the team roster as it is now
 * (supervision's own `members`, read once), folded in memory (VisitsFold) and inserted into the shadow
 * `visits_r<time>` per flush. Replay derives, it does not act: no attendance day is re-judged, nothing
 * is published (`POST /api/v1/attendance/recompute` re-judges a month from the rebuilt visits).
 */
export async function replayVisits(o: AppReplayOptions): Promise<VisitsReplayResult> {
  const members = await o.db
    .collection<Visitor>('members')
    .find({}, { projection: { _id: 1, teamId: 1, countyCode: 1, townCode: 1, villageCode: 1, name: 1 } })
    .toArray();
  const fold = new VisitsFold(members);
  const result = await replayReadModel<VisitRecord>(
    {
      ...o,
      topics: [`${o.topicPrefix}${Topics.monitoring}`],
      readModel: VISITS_READ_MODEL,
      collection: VISITS_COLLECTION,
    },
    {
      async prepare(shadow) {
        // the schema's indexes (visit.schema.ts)
        await shadow.createIndex({ memberId: 1, day: 1 });
        await shadow.createIndex({ day: 1 });
      },
      apply: (events) => fold.apply(events),
      async flush(shadow) {
        await insertIntoShadow(shadow, fold.fresh.splice(0));
      },
    },
  );
  return { ...result, visits: fold.visits.size, members: members.length };
}
