import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { CallerScope, Roles, Scope } from '@lib/auth';
import { ZodValidationPipe } from '@lib/service-kit';
import { SupervisionRoles } from '../supervision-roles';
import { localDay } from './domain/attendance-day';
import { AttendanceQuery, CloseDaysBody, RecomputeBody, TeamAttendanceQuery } from './attendance.dto';
import { RecomputeAttendance } from './use-cases/recompute-attendance.usecase';
import { TeamsStore } from '../teams/teams.store';
import { memberAndTeam, teamOf } from '../teams/team-lookups';
import { CloseDays } from './use-cases/close-days.usecase';
import { AttendanceMonth } from './use-cases/attendance-month.usecase';

/**
 * Attendance days and month summaries, within the caller's org-unit scope: a member outside it is
 * not found (404); recomputing or closing another unit's team is refused (403).
 */
@Roles(...SupervisionRoles.read)
@Controller('api/v1/attendance')
export class AttendanceController {
  constructor(
    private readonly month: AttendanceMonth,
    private readonly closeDays: CloseDays,
    private readonly recompute: RecomputeAttendance,
    private readonly teams: TeamsStore,
  ) {}

  /** The member's computed days of the month (考勤日). */
  @Get()
  days(@CallerScope() scope: Scope, @Query(new ZodValidationPipe(AttendanceQuery)) q: AttendanceQuery) {
    return this.month.days(scope, q.memberId, q.month);
  }

  /** On-post days against the county's requirement, missing days and flagged days (月度考勤汇总). */
  @Get('summary')
  summary(@CallerScope() scope: Scope, @Query(new ZodValidationPipe(AttendanceQuery)) q: AttendanceQuery) {
    return this.month.summary(scope, q.memberId, q.month, new Date());
  }

  /** 驻村考勤月报: the month summary of every member of a team posted in the month. */
  @Get('team-summary')
  teamSummary(
    @CallerScope() scope: Scope,
    @Query(new ZodValidationPipe(TeamAttendanceQuery)) q: TeamAttendanceQuery,
  ) {
    return this.month.teamSummary(scope, q.teamId, q.month, new Date());
  }

  /** Recomputes a month after the team's geofence or hours, or a posting period, changed. */
  @Post('recompute')
  @HttpCode(200)
  @Roles(...SupervisionRoles.manageTeams)
  async recomputeMonth(
    @CallerScope() scope: Scope,
    @Body(new ZodValidationPipe(RecomputeBody)) b: RecomputeBody,
  ) {
    const memberIds = b.memberId
      ? [(await memberAndTeam(this.teams, scope, b.memberId)).member._id]
      : (await this.teams.membersOfTeam((await teamOf(this.teams, scope, b.teamId!))._id)).map((m) => m._id);
    return { recomputed: await this.recompute.forMonth(memberIds, b.month) };
  }

  /** 日结: writes the posted working days that passed with no record as missing days (and flags them). */
  @Post('close')
  @HttpCode(200)
  @Roles(...SupervisionRoles.manageTeams)
  async close(@CallerScope() scope: Scope, @Body(new ZodValidationPipe(CloseDaysBody)) b: CloseDaysBody) {
    const yesterday = localDay(new Date(Date.now() - 86_400_000));
    const through = b.through && b.through < yesterday ? b.through : yesterday;
    if (b.teamId) await teamOf(this.teams, scope, b.teamId);
    return this.closeDays.execute(scope, b.month, through, b.teamId);
  }
}
