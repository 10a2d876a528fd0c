import { z } from 'zod';
import { isRealDay } from '@lib/contracts';

/** A local (China Standard Time) calendar day, YYYY-MM-DD, that exists. */
export const LocalDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine(isRealDay, 'must be a real date');
