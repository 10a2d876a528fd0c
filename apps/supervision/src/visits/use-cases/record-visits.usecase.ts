import { Injectable } from '@nestjs/common';
import { SurveyRecordedV1 } from '@lib/contracts';
import { TeamsStore } from '../../teams/teams.store';
import { RejudgeMemberDays } from '../../teams/teams.ports';
import { visitOf } from '../domain/visits-fold';
import { VisitsStore } from '../visits.store';

/**
 * Monitoring's surveys (survey.recorded.v1): the visits team members made (visitOf: the one member of a
 * team in the visited village the visitor's text names) are stored once each, and the days of the new
 * ones re-judged (attendance).
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
    const found = events.flatMap(({ data }) => visitOf(data, members) ?? []);
    const fresh = await this.visits.insertNew(found);
    await this.attendance.execute(fresh.map((v) => ({ memberId: v.memberId, day: v.day })));
  }
}
