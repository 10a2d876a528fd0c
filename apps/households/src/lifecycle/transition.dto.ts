import { z } from 'zod';
import { isRealDay } from '@lib/contracts';
import { ACTIONS, CHANNELS, ELIMINATION_METHODS } from './lifecycle';

const today = () => new Date().toISOString().slice(0, 10);

export const TransitionBody = z
  .object({
    action: z.enum(ACTIONS),
    on: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, '须为日期，格式 YYYY-MM-DD')
      .superRefine((s, ctx) => {
        if (!isRealDay(s)) ctx.addIssue({ code: 'custom', message: '须为真实存在的日期' });
        else if (s > today()) ctx.addIssue({ code: 'custom', message: '不能晚于今天' });
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
