import { z } from 'zod';
import { isRealDay } from '@lib/contracts';
import { ACTIONS, CHANNELS, ELIMINATION_METHODS } from './lifecycle';

const today = () => new Date().toISOString().slice(0, 10);

export const TransitionBody = z
  .object({
    action: z.enum(ACTIONS),
    on: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD')
      .superRefine((s, ctx) => {
        if (!isRealDay(s)) ctx.addIssue({ code: 'custom', message: 'must be a real date' });
        else if (s > today()) ctx.addIssue({ code: 'custom', message: 'cannot be in the future' });
      })
      .default(today),
    channel: z.enum(CHANNELS).optional(),
    method: z.enum(ELIMINATION_METHODS).optional(),
    perCapitaIncome: z.number().nonnegative().optional(),
    monitoringLine: z.number().positive().optional(),
    wholeHouseholdNoLabour: z.boolean().optional(),
    note: z.string().trim().max(500).optional(),
  })
  .strict();
export type TransitionBody = z.infer<typeof TransitionBody>;
