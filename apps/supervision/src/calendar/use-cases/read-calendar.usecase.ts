import { Injectable } from '@nestjs/common';
import { CalendarStore } from '../calendar.store';
import { daysOfYear, mergeCalendars, workingDayOf } from '../domain/working-calendar';

const entriesOf = (d: { holidays: string[]; workdays: string[] } | null) =>
  d ? { holidays: d.holidays, workdays: d.workdays } : null;

/** A year's national calendar, a county's override and the effective one, with its working days (listed and per month). */
@Injectable()
export class ReadCalendar {
  constructor(private readonly repo: CalendarStore) {}

  async execute(year: number, countyCode: string | null) {
    const national = entriesOf(await this.repo.findOne(year, null));
    const override = countyCode ? entriesOf(await this.repo.findOne(year, countyCode)) : null;
    const effective = mergeCalendars(national, override);
    const isWorking = workingDayOf(effective);
    const workingDays = daysOfYear(year).filter(isWorking);
    const workingDaysPerMonth: Record<string, number> = {};
    for (const d of daysOfYear(year)) workingDaysPerMonth[d.slice(0, 7)] ??= 0;
    for (const d of workingDays) workingDaysPerMonth[d.slice(0, 7)]++;
    return { year, countyCode, national, override, effective, workingDaysPerMonth, workingDays };
  }
}
