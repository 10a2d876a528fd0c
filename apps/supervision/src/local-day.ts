import { z } from 'zod';
import { isRealDay } from '@lib/contracts';

/** A local (China Standard Time) calendar day, YYYY-MM-DD, that exists. */
export const LocalDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '须为日期，格式 YYYY-MM-DD')
  .refine(isRealDay, '须为真实存在的日期');
