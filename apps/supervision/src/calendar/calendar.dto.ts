import { z } from 'zod';
import { LocalDay } from '../local-day';
import { CountyCode, refusals, zhTypeError } from '@lib/contracts';

export const Year = z.coerce
  .number(zhTypeError({ invalidType: '须为年份' }))
  .int()
  .min(2000, '年份不能早于 2000')
  .max(2100, '年份不能晚于 2100');

export const CalendarQuery = z
  .object({ countyCode: CountyCode.optional().describe('县级行政区划代码: with its override') })
  .strict();
export type CalendarQuery = z.infer<typeof CalendarQuery>;

/** A county's override of one year (replaces the previous override). */
export const CountyCalendarBody = z
  .object({
    holidays: z
      .array(LocalDay)
      .max(120)
      .default([])
      .describe('本县放假日 (days off besides the national ones)'),
    workdays: z
      .array(LocalDay)
      .max(60)
      .default([])
      .describe('本县调休上班日 (days worked although off nationally)'),
  })
  .strict()
  // checked by calendarBodyProblem below against the path's year
  .meta(
    refusals(
      {
        field: 'holidays',
        rule: '须在路径所指的年份内，且不与调休上班日重复 (in the year, not also a workday)',
      },
      { field: 'workdays', rule: '须在路径所指的年份内，且不与放假日重复 (in the year, not also a holiday)' },
    ),
  );
export type CountyCalendarBody = z.infer<typeof CountyCalendarBody>;

/** The body's days all lie in the year and none is listed twice as off and working: else the field. */
export function calendarBodyProblem(
  year: number,
  b: CountyCalendarBody,
): { field: string; reason: string } | null {
  for (const field of ['holidays', 'workdays'] as const) {
    const i = b[field].findIndex((d) => !d.startsWith(`${year}-`));
    if (i >= 0) return { field: `${field}.${i}`, reason: `不在${year}年内 (must lie in ${year})` };
  }
  const off = new Set(b.holidays);
  const i = b.workdays.findIndex((d) => off.has(d));
  if (i >= 0) return { field: `workdays.${i}`, reason: '同一天不能既放假又上班 (also listed as a holiday)' };
  return null;
}
