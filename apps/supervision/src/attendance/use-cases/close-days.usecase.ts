import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG } from '@lib/service-kit';
import { SupervisionConfig } from '../../config';
import { Scope, SERVICE_SCOPE } from '@lib/auth';
import { CloudEvent } from '@lib/contracts';
import { orgOf } from '../../member-event';
import { TeamsStore } from '../../teams/teams.store';
import { LeavesStore } from '../../leaves/leaves.store';
import { WorkingCalendars } from '../../calendar/working-calendars';
import { computeAttendanceDay, daysOfMonth, isPosted, localDay } from '../domain/attendance-day';
import { AttendanceDayDoc } from '../attendance-day.schema';
import { AttendanceStore } from '../attendance.store';
import { dayComputedEvent, fingerprintOf, patternFlaggedEvent } from './recompute-attendance.usecase';

/**
 * 日结: a posted working day that passed without any record has no attendance day yet. Closing
 * writes it (a missing day, 缺勤) and announces the flag once. Idempotent: an existing day, or one
 * computed meanwhile from a late check-in, is left as it is.
 */
@Injectable()
export class CloseDays {
  constructor(
    private readonly teams: TeamsStore,
    private readonly attendance: AttendanceStore,
    private readonly leaves: LeavesStore,
    private readonly calendars: WorkingCalendars,
  ) {}

  /** Closes the days of the members within the scope (of one team, or all of them). */
  async execute(scope: Scope, month: string, through: string, teamId?: string): Promise<{ closed: number }> {
    const days = daysOfMonth(month).filter((d) => d <= through);
    if (days.length === 0) return { closed: 0 };
    const members = await this.teams.postedBetween(scope, days[0], days[days.length - 1], teamId);
    const teams = new Map(
      (await this.teams.findTeams([...new Set(members.map((m) => m.teamId))])).map((t) => [t._id, t]),
    );
    // working days by the county's calendar (holidays off, 调休 make-up days on)
    const calendars = await this.calendars.forCounties(
      [...teams.values()].map((t) => t.countyCode),
      days,
    );
    const candidates = members.flatMap((m) => {
      const team = teams.get(m.teamId);
      const isWorking = team && calendars.get(team.countyCode);
      if (!isWorking) return [];
      return days
        .filter((day) => isWorking(day) && isPosted(day, { from: m.postedFrom, to: m.postedTo }))
        .map((day) => ({ member: m, day, id: `${m._id}:${day}` }));
    });
    const existing = await this.attendance.existing(candidates.map((c) => c.id));
    const excuses = await this.leaves.excusesOf([...new Set(members.map((m) => m._id))], days);
    const writes: Array<{ day: AttendanceDayDoc; events: CloudEvent[] }> = [];
    for (const { member, day, id } of candidates) {
      const team = teams.get(member.teamId);
      if (!team || existing.has(id)) continue;
      const computed = computeAttendanceDay(
        {
          day,
          geofence: team.geofence,
          workingHours: team.workingHours,
          posted: true,
          workingDay: true,
          excuse: excuses.get(id) ?? null,
        },
        [],
      );
      const org = orgOf(team);
      const fingerprint = fingerprintOf(computed);
      writes.push({
        day: {
          _id: id,
          memberId: member._id,
          ...org,
          ...computed,
          month,
          announced: computed.flags,
          basis: 0,
          fingerprint,
          computedAt: new Date(),
        },
        events: [
          dayComputedEvent(member._id, org, computed, fingerprint),
          ...computed.flags.map((f) => patternFlaggedEvent(member._id, org, computed, f)),
        ],
      });
    }
    await this.attendance.insertAbsent(writes);
    return { closed: writes.length };
  }
}

/** Closes yesterday's month now and then (ATTENDANCE_CLOSE_INTERVAL_MS; 0: only on request). */
@Injectable()
export class DailyClose implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DailyClose.name);
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly close: CloseDays,
    @Inject(APP_CONFIG) private readonly config: SupervisionConfig,
  ) {}

  onApplicationBootstrap() {
    const every = this.config.ATTENDANCE_CLOSE_INTERVAL_MS;
    if (every > 0) this.timer = setInterval(() => void this.run(), every);
  }

  async run() {
    const yesterday = localDay(new Date(Date.now() - 86_400_000));
    try {
      const { closed } = await this.close.execute(SERVICE_SCOPE, yesterday.slice(0, 7), yesterday);
      if (closed > 0) this.logger.log(`closed ${closed} missing day(s) through ${yesterday}`);
    } catch (e) {
      this.logger.warn(`closing days failed (next time again): ${(e as Error).message}`);
    }
  }

  onApplicationShutdown() {
    if (this.timer) clearInterval(this.timer);
  }
}
