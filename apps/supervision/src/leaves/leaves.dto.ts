import { z } from 'zod';
import { references, zhTypeError } from '@lib/contracts';
import { LocalDay } from '../local-day';

export const RequestLeaveBody = z
  .object({
    memberId: references(
      z.string(zhTypeError({ required: '必填' })).uuid('须为队员编号（UUID）'),
      'team member',
      400,
    ),
    kind: z.enum(['leave', 'official_business']),
    from: LocalDay,
    to: LocalDay,
    reason: z.string().trim().min(1, '必填').max(1_000),
  })
  .strict()
  .refine((b) => b.to >= b.from, { message: '不能早于开始日期', path: ['to'] })
  .refine((b) => Date.parse(`${b.to}T00:00:00Z`) - Date.parse(`${b.from}T00:00:00Z`) <= 62 * 86_400_000, {
    message: '一次最多查询 62 天',
    path: ['to'],
  });
export type RequestLeaveBody = z.infer<typeof RequestLeaveBody>;

export const ListLeavesQuery = z
  .object({
    memberId: z.string().uuid('须为队员编号（UUID）').optional(),
    teamId: z.string().uuid('须为工作队编号（UUID）').optional(),
    status: z.enum(['pending', 'approved', 'rejected']).optional(),
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(500).default(50),
  })
  .strict();
export type ListLeavesQuery = z.infer<typeof ListLeavesQuery>;
