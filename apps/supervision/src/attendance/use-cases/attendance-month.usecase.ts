import { Injectable } from '@nestjs/common';
import { Scope, SERVICE_SCOPE } from '@lib/auth';
import { memberNotFound, teamNotFound } from '../../teams/team-lookups';
import { TeamsStore } from '../../teams/teams.store';
import { LeavesStore } from '../../leaves/leaves.store';
import { WorkingCalendars } from '../../calendar/working-calendars';
import { daysOfMonth, localDay, summarizeMonth } from '../domain/attendance-day';
import { AttendanceStore } from '../attendance.store';

/** A member's month: the computed days and the summary against the requirement. */
@Injectable()
export class AttendanceMonth {
  constructor(
    private readonly teams: TeamsStore,
    private readonly attendance: AttendanceStore,
    private readonly leaves: LeavesStore,
    private readonly calendars: WorkingCalendars,
  ) {}

  /** The member's days; a member outside the scope is not found. */
  async days(scope: Scope, memberId: string, month: string) {
    const member = await this.teams.findMember(scope, memberId);
    if (!member) throw memberNotFound(memberId);
    const items = await this.attendance.ofMemberInMonth(memberId, month);
    return {
      memberId,
      month,
      items: items.map(({ _id, announced: _a, basis: _b, fingerprint: _f, ...rest }) => ({
        id: _id,
        ...rest,
      })),
    };
  }

  async summary(scope: Scope, memberId: string, month: string, now: Date) {
    const member = await this.teams.findMember(scope, memberId);
    if (!member) throw memberNotFound(memberId);
    const team = await this.teams.findTeam(SERVICE_SCOPE, member.teamId);
    if (!team) throw teamNotFound(member.teamId);
    const [summary] = await this.summaries(team, [member], month, now);
    return summary;
  }

  /**
   * 驻村考勤月报: every member of the team posted in the month, with their summary (what the town
   * and the discipline office read first); a team outside the scope is not found.
   */
  async teamSummary(scope: Scope, teamId: string, month: string, now: Date) {
    const team = await this.teams.findTeam(scope, teamId);
    if (!team) throw teamNotFound(teamId);
    const monthDays = daysOfMonth(month);
    const [first, last] = [monthDays[0], monthDays.at(-1)!];
    const members = (await this.teams.membersOfTeam(team._id)).filter(
      (m) => m.postedFrom <= last && (!m.postedTo || m.postedTo >= first),
    );
    const summaries = await this.summaries(team, members, month, now);
    return {
      teamId: team._id,
      teamName: team.name,
      villageCode: team.villageCode,
      month,
      members: members.map((m, i) => ({ name: m.name, role: m.role, ...summaries[i] })),
    };
  }

  private async summaries(
    team: { _id: string; countyCode: string; requiredDaysPerMonth: number },
    members: Array<{ _id: string; postedFrom: string; postedTo: string | null }>,
    month: string,
    now: Date,
  ) {
    // Today is not over: judge missing days through yesterday.
    const yesterday = localDay(new Date(now.getTime() - 86_400_000));
    const monthDays = daysOfMonth(month);
    const last = monthDays.at(-1)!;
    const isWorkingDay = await this.calendars.forCounty(team.countyCode, monthDays);
    const excuses = await this.leaves.excusesOf(
      members.map((m) => m._id),
      monthDays,
    );
    const out = [];
    for (const member of members) {
      const days = await this.attendance.ofMemberInMonth(member._id, month);
      out.push({
        memberId: member._id,
        teamId: team._id,
        ...summarizeMonth({
          month,
          requiredDays: team.requiredDaysPerMonth,
          posting: { from: member.postedFrom, to: member.postedTo },
          days,
          through: yesterday < last ? yesterday : last,
          isWorkingDay,
          excuses: Object.fromEntries(
            [...excuses]
              .filter(([k]) => k.startsWith(`${member._id}:`))
              .map(([k, v]) => [k.split(':')[1], v]),
          ),
        }),
      });
    }
    return out;
  }
}
