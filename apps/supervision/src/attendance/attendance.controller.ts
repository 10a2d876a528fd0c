import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { Roles } from '@lib/auth';
import { ZodValidationPipe } from '@lib/service-kit';
import { SupervisionRoles } from '../supervision-roles';
import { localDay } from './attendance-day';
import { AttendanceQuery, CloseDaysBody, RecomputeBody } from './attendance.dto';
import { RecomputeAttendance } from './recompute-attendance.usecase';
import { TeamsRepository } from '../teams/teams.repository';
import { CloseDays } from './close-days.usecase';
import { AttendanceMonth } from './attendance-month.usecase';

/** Attendance days and month summaries. Role-checked; org-unit scope filtering is still to come. */
@Roles(...SupervisionRoles.read)
@Controller('api/v1/attendance')
export class AttendanceController {
  constructor(
    private readonly month: AttendanceMonth,
    private readonly closeDays: CloseDays,
    private readonly recompute: RecomputeAttendance,
    private readonly teams: TeamsRepository,
  ) {}

  /** The member's computed days of the month (考勤日). */
  @Get()
  days(@Query(new ZodValidationPipe(AttendanceQuery)) q: AttendanceQuery) {
    return this.month.days(q.memberId, q.month);
  }

  /** On-post days against the county's requirement, missing days and flagged days (月度考勤汇总). */
  @Get('summary')
  summary(@Query(new ZodValidationPipe(AttendanceQuery)) q: AttendanceQuery) {
    return this.month.summary(q.memberId, q.month, new Date());
  }

  /** Recomputes a month after the team's geofence or hours, or a posting period, changed. */
  @Post('recompute')
  @HttpCode(200)
  @Roles(...SupervisionRoles.manageTeams)
  async recomputeMonth(@Body(new ZodValidationPipe(RecomputeBody)) b: RecomputeBody) {
    const memberIds = b.memberId
      ? [b.memberId]
      : (await this.teams.membersOfTeam(b.teamId!)).map((m) => m._id);
    return { recomputed: await this.recompute.forMonth(memberIds, b.month) };
  }

  /** 日结: writes the posted working days that passed with no record as missing days (and flags them). */
  @Post('close')
  @HttpCode(200)
  @Roles(...SupervisionRoles.manageTeams)
  close(@Body(new ZodValidationPipe(CloseDaysBody)) b: CloseDaysBody) {
    const yesterday = localDay(new Date(Date.now() - 86_400_000));
    const through = b.through && b.through < yesterday ? b.through : yesterday;
    return this.closeDays.execute(b.month, through, b.teamId);
  }
}
