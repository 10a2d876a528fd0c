import { Injectable } from '@nestjs/common';
import { TeamsStore } from '../../teams/teams.store';
import { RejudgeMemberDays } from '../../teams/teams.ports';
import { CalendarStore } from '../calendar.store';
import { WorkingCalendars } from '../working-calendars';
import { CalendarEntries, changedMonths, mergeCalendars, workingDayOf } from '../domain/working-calendar';

/** Changing a calendar re-judges the attendance of the months whose working days changed. */
@Injectable()
export class ChangeCalendar {
  constructor(
    private readonly repo: CalendarStore,
    private readonly calendars: WorkingCalendars,
    private readonly teams: TeamsStore,
    private readonly attendance: RejudgeMemberDays,
  ) {}

  async setCountyOverride(year: number, countyCode: string, entries: CalendarEntries, by: string) {
    const national = await this.repo.findOne(year, null);
    const before = workingDayOf(mergeCalendars(national, await this.repo.findOne(year, countyCode)));
    await this.repo.put(year, countyCode, entries, by);
    this.calendars.forget(countyCode, year);
    const after = workingDayOf(mergeCalendars(national, entries));
    const months = changedMonths(year, before, after);
    const memberIds = (await this.teams.membersOfCounty(countyCode)).map((m) => m._id);
    let recomputed = 0;
    if (memberIds.length > 0)
      for (const m of months) recomputed += await this.attendance.forMonth(memberIds, m);
    return { changedMonths: months, recomputed };
  }
}
