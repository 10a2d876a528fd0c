/**
 * 工作日历: which days are working days. Monday–Friday, except the year's public holidays (法定节假日,
 * 放假) and plus the make-up working days (调休上班, usually a weekend day next to a holiday), as the
 * State Council announces them each year. A county may override (县级调整: a local holiday, or a day
 * it works anyway). Pure functions: no framework, no I/O, no clock.
 */

/** The days a calendar lists for one year, YYYY-MM-DD. */
export interface CalendarEntries {
  /** Days off although Monday–Friday would work them (法定节假日 / 放假). */
  holidays: string[];
  /** Days worked although they fall on a weekend (调休上班). */
  workdays: string[];
}

export type IsWorkingDay = (day: string) => boolean;

/** Monday–Friday. */
export function isWeekday(day: string): boolean {
  const dow = new Date(`${day}T00:00:00Z`).getUTCDay();
  return dow !== 0 && dow !== 6;
}

/**
 * The effective entries: the national calendar with the county's override on top (a day the county
 * lists wins over the national listing of the same day).
 */
export function mergeCalendars(
  national: CalendarEntries | null,
  county: CalendarEntries | null,
): CalendarEntries {
  const countyHolidays = new Set(county?.holidays ?? []);
  const countyWorkdays = new Set(county?.workdays ?? []);
  const holidays = new Set([
    ...(national?.holidays ?? []).filter((d) => !countyWorkdays.has(d)),
    ...countyHolidays,
  ]);
  const workdays = new Set([
    ...(national?.workdays ?? []).filter((d) => !countyHolidays.has(d)),
    ...countyWorkdays,
  ]);
  return { holidays: [...holidays].sort(), workdays: [...workdays].sort() };
}

/** Working day: a listed make-up day, else not a listed holiday and Monday–Friday. */
export function workingDayOf(entries: CalendarEntries | null): IsWorkingDay {
  const holidays = new Set(entries?.holidays ?? []);
  const workdays = new Set(entries?.workdays ?? []);
  return (day) => workdays.has(day) || (!holidays.has(day) && isWeekday(day));
}

/** Every day of a year, YYYY-MM-DD. */
export function daysOfYear(year: number): string[] {
  const out: string[] = [];
  for (let t = Date.UTC(year, 0, 1); t < Date.UTC(year + 1, 0, 1); t += 86_400_000)
    out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

/** The months (YYYY-MM) of a year in which some day changed between working and not. */
export function changedMonths(year: number, before: IsWorkingDay, after: IsWorkingDay): string[] {
  return [
    ...new Set(
      daysOfYear(year)
        .filter((d) => before(d) !== after(d))
        .map((d) => d.slice(0, 7)),
    ),
  ];
}

/** Working days among these days. */
export const countWorkingDays = (days: string[], isWorking: IsWorkingDay) => days.filter(isWorking).length;

/**
 * 2026 national holidays and make-up working days (国务院办公厅关于2026年部分节假日安排的通知):
 * 元旦 1月1日–3日, 1月4日(周日)上班; 春节 2月15日–23日, 2月14日(周六)、2月28日(周六)上班;
 * 清明节 4月4日–6日; 劳动节 5月1日–5日, 5月9日(周六)上班; 端午节 6月19日–21日;
 * 中秋节 9月25日–27日; 国庆节 10月1日–7日, 9月20日(周日)、10月10日(周六)上班.
 */
export const NATIONAL_CALENDARS: Record<number, CalendarEntries> = {
  2026: {
    holidays: [
      ...range('2026-01-01', '2026-01-03'),
      ...range('2026-02-15', '2026-02-23'),
      ...range('2026-04-04', '2026-04-06'),
      ...range('2026-05-01', '2026-05-05'),
      ...range('2026-06-19', '2026-06-21'),
      ...range('2026-09-25', '2026-09-27'),
      ...range('2026-10-01', '2026-10-07'),
    ],
    workdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
  },
};

/** Days from `from` to `to`, inclusive. */
export function range(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000)
    out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}
