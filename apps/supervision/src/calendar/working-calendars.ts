import { Injectable } from '@nestjs/common';
import { CalendarStore } from './calendar.store';
import { calendarId } from './calendar.schema';
import { CalendarEntries, IsWorkingDay, mergeCalendars, workingDayOf } from './domain/working-calendar';

const CACHE_MS = 10_000;

/**
 * The effective working calendar of a county (national + county override), per year, cached for a
 * few seconds (every ingestion batch asks); a change made through this instance is seen at once.
 */
@Injectable()
export class WorkingCalendars {
  private readonly cache = new Map<string, { at: number; entries: CalendarEntries }>();

  constructor(private readonly repo: CalendarStore) {}

  /** The effective entries of the county's year. */
  async entries(countyCode: string, year: number): Promise<CalendarEntries> {
    const k = `${countyCode}:${year}`;
    const hit = this.cache.get(k);
    if (hit && Date.now() - hit.at < CACHE_MS) return hit.entries;
    const docs = new Map((await this.repo.find([year], countyCode)).map((d) => [d._id, d]));
    const entries = mergeCalendars(
      docs.get(calendarId(year, null)) ?? null,
      docs.get(calendarId(year, countyCode)) ?? null,
    );
    this.cache.set(k, { at: Date.now(), entries });
    return entries;
  }

  /** Working day or not, for the county, on any of these days (their years loaded once). */
  async forCounty(countyCode: string, days: string[]): Promise<IsWorkingDay> {
    const years = [...new Set(days.map((d) => Number(d.slice(0, 4))))];
    const byYear = new Map<number, IsWorkingDay>();
    for (const y of years) byYear.set(y, workingDayOf(await this.entries(countyCode, y)));
    return (day) => (byYear.get(Number(day.slice(0, 4))) ?? workingDayOf(null))(day);
  }

  /** Per county of these: the working-day test. */
  async forCounties(countyCodes: string[], days: string[]): Promise<Map<string, IsWorkingDay>> {
    const out = new Map<string, IsWorkingDay>();
    for (const c of new Set(countyCodes)) out.set(c, await this.forCounty(c, days));
    return out;
  }

  forget(countyCode: string | null, year: number) {
    for (const k of [...this.cache.keys()])
      if (k.endsWith(`:${year}`) && (countyCode === null || k.startsWith(`${countyCode}:`)))
        this.cache.delete(k);
  }
}
