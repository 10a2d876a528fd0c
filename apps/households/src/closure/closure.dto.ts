import { z } from 'zod';
import { HouseholdClosureReason, isRealDay } from '@lib/contracts';

/** Today in China time (the day people in the county mean). */
const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

/** POST /api/v1/households/:id/closure: 注销原因, 注销日期, 并入的户 (合户), 说明. */
export const CloseHouseholdBody = z
  .object({
    reason: HouseholdClosureReason.describe(
      '注销原因：death 死亡、moved_out 迁出、merged 合户、natural_extinction 自然消亡',
    ),
    on: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, '须为日期，格式 YYYY-MM-DD')
      .superRefine((s, ctx) => {
        if (!isRealDay(s)) ctx.addIssue({ code: 'custom', message: '须为真实存在的日期' });
        else if (s > today()) ctx.addIssue({ code: 'custom', message: '不能晚于今天' });
      })
      .describe('注销日期'),
    mergedInto: z.string().uuid('须为农户编号（UUID）').optional().describe('合户：并入的户'),
    note: z.string().trim().max(500, '不超过500字').optional(),
  })
  .strict();
export type CloseHouseholdBody = z.infer<typeof CloseHouseholdBody>;
