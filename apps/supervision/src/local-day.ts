import { z } from 'zod';
import { isRealDay } from '@lib/contracts';

/** A local (China Standard Time) calendar day, YYYY-MM-DD, that exists. */
export const LocalDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '须为日期，格式 YYYY-MM-DD')
  .refine(isRealDay, '须为真实存在的日期');

/** China Standard Time (UTC+8, no daylight saving): the days of attendance, work logs and visits. */
export const CHINA_UTC_OFFSET_MINUTES = 480;

/** The local calendar day of a moment, YYYY-MM-DD. */
export function localDay(at: Date, offsetMinutes = CHINA_UTC_OFFSET_MINUTES): string {
  return new Date(at.getTime() + offsetMinutes * 60_000).toISOString().slice(0, 10);
}
