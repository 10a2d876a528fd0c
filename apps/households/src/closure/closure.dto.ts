import { z } from 'zod';
import { HouseholdClosureReason, PastDay } from '@lib/contracts';

/** POST /api/v1/households/:id/closure: 注销原因, 注销日期, 并入的户 (合户), 说明. */
export const CloseHouseholdBody = z
  .object({
    reason: HouseholdClosureReason.describe(
      '注销原因：death 死亡、moved_out 迁出、merged 合户、natural_extinction 自然消亡',
    ),
    on: PastDay.describe('注销日期'),
    mergedInto: z.string().uuid('须为农户编号（UUID）').optional().describe('合户：并入的户'),
    note: z.string().trim().max(500, '不超过500字').optional(),
  })
  .strict();
export type CloseHouseholdBody = z.infer<typeof CloseHouseholdBody>;
