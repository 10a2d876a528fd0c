import { Injectable } from '@nestjs/common';
import { SurveyRecordedV1 } from '@lib/contracts';
import { localDay } from '../../local-day';
import { TeamsStore } from '../../teams/teams.store';
import { RejudgeMemberDays } from '../../teams/teams.ports';
import { Visit } from '../visit.schema';
import { VisitsStore } from '../visits.store';

/**
 * Monitoring's surveys name their visitor as free text (e.g. "驻村工作队 张明"). A visit counts for
 * the one member of a team in the visited village whose name the text contains; none or several:
 * it is not a team member's visit (or cannot be told) and is ignored.
 */
@Injectable()
export class RecordVisits {
  constructor(
    private readonly teams: TeamsStore,
    private readonly visits: VisitsStore,
    private readonly attendance: RejudgeMemberDays,
  ) {}

  async execute(events: SurveyRecordedV1[]): Promise<void> {
    const villages = [...new Set(events.map((e) => e.data.villageCode))];
    const members = await this.teams.membersOfVillages(villages);
    const found: Visit[] = [];
    for (const { data } of events) {
      const candidates = members.filter(
        (m) => m.villageCode === data.villageCode && data.visitor.includes(m.name),
      );
      if (candidates.length !== 1) continue;
      const m = candidates[0];
      const at = new Date(data.visitedAt);
      found.push({
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
      });
    }
    const fresh = await this.visits.insertNew(found);
    await this.attendance.execute(fresh.map((v) => ({ memberId: v.memberId, day: v.day })));
  }
}
