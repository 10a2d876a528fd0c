/**
 * 入户走访 by team members, pure: which member a survey's visit counts for, and the fold of
 * monitoring's surveys into visits (the replay rebuilds the read model with it: `npm run replay --
 * supervision visits`). The members are the team roster as it is now (supervision's own records).
 */
import { CloudEvent, DataOf, SurveyRecordedV1 } from '@lib/contracts';
import { localDay } from '../../local-day';

/** A visit as stored (visits): _id = the survey id. */
export interface VisitRecord {
  _id: string;
  memberId: string;
  teamId: string;
  countyCode: string;
  townCode: string;
  villageCode: string;
  /** Local (China Standard Time) day, YYYY-MM-DD. */
  day: string;
  at: Date;
  householdId: string;
  /** The village the visited household belongs to. */
  visitedVillageCode: string;
  inside: boolean;
}

/** What a visit needs of a team member. */
export interface Visitor {
  _id: string;
  teamId: string;
  countyCode: string;
  townCode: string;
  villageCode: string;
  name: string;
}

export const VISITS_COLLECTION = 'visits';

type Survey = DataOf<typeof SurveyRecordedV1>;

/**
 * Monitoring's surveys name their visitor as free text (e.g. "驻村工作队 张明"). A visit counts for the
 * one member of a team in the visited village whose name the text contains; none or several: it is not
 * a team member's visit (or cannot be told), null.
 */
export function visitOf(data: Survey, members: readonly Visitor[]): VisitRecord | null {
  const candidates = members.filter(
    (m) => m.villageCode === data.villageCode && data.visitor.includes(m.name),
  );
  if (candidates.length !== 1) return null;
  const m = candidates[0];
  const at = new Date(data.visitedAt);
  return {
    _id: data.surveyId,
    memberId: m._id,
    teamId: m.teamId,
    countyCode: m.countyCode,
    townCode: m.townCode,
    villageCode: m.villageCode,
    day: localDay(at),
    at,
    householdId: data.householdId,
    visitedVillageCode: data.villageCode,
    inside: data.villageCode === m.villageCode,
  };
}

/**
 * Folds monitoring.events.v1 into the visits of the roster's members, as the live consumer records them
 * (RecordVisits): one per survey, the first delivery kept; surveys no member made are not counted.
 * It only derives: the attendance days a new visit re-judges live are not touched.
 */
export class VisitsFold {
  readonly visits = new Map<string, VisitRecord>();
  /** Visits folded since the last flush (new ones only: a visit never changes). */
  readonly fresh: VisitRecord[] = [];

  constructor(private readonly members: readonly Visitor[]) {}

  /** Folds a batch; answers how many surveys became visits. */
  apply(events: readonly CloudEvent[]): number {
    let applied = 0;
    for (const e of events) {
      if (e.type !== SurveyRecordedV1.type) continue;
      const v = visitOf(e.data as Survey, this.members);
      if (!v || this.visits.has(v._id)) continue;
      this.visits.set(v._id, v);
      this.fresh.push(v);
      applied++;
    }
    return applied;
  }
}
