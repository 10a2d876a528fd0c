/**
 * Calendar dates as 'YYYY-MM-DD' strings (they compare correctly as strings). Pure functions.
 */
export type IsoDate = string;

/** Today's date in a time zone (the town's calendar, not the server's). */
export function todayIn(timeZone: string, now: Date = new Date()): IsoDate {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

const toUtc = (d: IsoDate) => Date.UTC(+d.slice(0, 4), +d.slice(5, 7) - 1, +d.slice(8, 10));

/** Whole days from `a` to `b` (positive when b is later). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return Math.round((toUtc(b) - toUtc(a)) / 86_400_000);
}

/** The same day `months` months later, clamped to the month's end (01-31 + 1 month = 02-28/29). */
export function addMonths(d: IsoDate, months: number): IsoDate {
  const y = +d.slice(0, 4);
  const m = +d.slice(5, 7) - 1 + months;
  const year = y + Math.floor(m / 12);
  const month = ((m % 12) + 12) % 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = Math.min(+d.slice(8, 10), last);
  return `${year}-${String(month + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Does [from, to] (to null: open-ended) contain the day? */
export function covers(from: IsoDate, to: IsoDate | null, day: IsoDate): boolean {
  return from <= day && (to === null || day <= to);
}
