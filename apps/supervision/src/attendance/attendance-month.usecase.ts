import { Injectable } from '@nestjs/common';
import { Scope, SERVICE_SCOPE } from '@lib/auth';
import { memberNotFound, teamNotFound } from '../teams/teams.usecases';
import { TeamsRepository } from '../teams/teams.repository';
import { LeavesRepository } from '../leaves/leaves.repository';
import { WorkingCalendars } from '../calendar/working-calendars';
import { daysOfMonth, localDay, summarizeMonth } from './attendance-day';
import { AttendanceRepository } from './attendance.repository';

/** A member's month: the computed days and the summary against the requirement. */
@Injectable()
export class AttendanceMonth {
  constructor(
    private readonly teams: TeamsRepository,
    private readonly attendance: AttendanceRepository,
    private readonly leaves: LeavesRepository,
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
    const days = await this.attendance.ofMemberInMonth(memberId, month);
    // Today is not over: judge missing days through yesterday.
    const yesterday = localDay(new Date(now.getTime() - 86_400_000));
    const last = daysOfMonth(month).at(-1)!;
    return {
      memberId,
      teamId: team._id,
      ...summarizeMonth({
        month,
        requiredDays: team.requiredDaysPerMonth,
        posting: { from: member.postedFrom, to: member.postedTo },
        days,
        through: yesterday < last ? yesterday : last,
        isWorkingDay: await this.calendars.forCounty(team.countyCode, daysOfMonth(month)),
        excuses: Object.fromEntries(
          [...(await this.leaves.excusesOf([memberId], daysOfMonth(month)))].map(([k, v]) => [
            k.split(':')[1],
            v,
          ]),
        ),
      }),
    };
  }
}
