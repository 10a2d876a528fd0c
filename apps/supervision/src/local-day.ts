import { z } from 'zod';

/** True for a calendar day that exists (2026-02-30 does not; Date.parse would roll it to March 2). */
export function isRealDay(s: string): boolean {
  const t = Date.parse(`${s}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === s;
}

/** A local (China Standard Time) calendar day, YYYY-MM-DD, that exists. */
export const LocalDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine(isRealDay, 'must be a real date');
