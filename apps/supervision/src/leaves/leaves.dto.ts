import { z } from 'zod';
import { LocalDay } from '../local-day';

export const RequestLeaveBody = z
  .object({
    memberId: z.string({ required_error: 'is required' }).uuid('must be a member id (UUID)'),
    kind: z.enum(['leave', 'official_business']),
    from: LocalDay,
    to: LocalDay,
    reason: z.string().trim().min(1, 'is required').max(1_000),
  })
  .strict()
  .refine((b) => b.to >= b.from, { message: 'must not be before from', path: ['to'] })
  .refine((b) => Date.parse(`${b.to}T00:00:00Z`) - Date.parse(`${b.from}T00:00:00Z`) <= 62 * 86_400_000, {
    message: 'a request covers at most 62 days',
    path: ['to'],
  });
export type RequestLeaveBody = z.infer<typeof RequestLeaveBody>;

export const ListLeavesQuery = z
  .object({
    memberId: z.string().uuid('must be a member id (UUID)').optional(),
    teamId: z.string().uuid('must be a team id (UUID)').optional(),
    status: z.enum(['pending', 'approved', 'rejected']).optional(),
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(500).default(50),
  })
  .strict();
export type ListLeavesQuery = z.infer<typeof ListLeavesQuery>;
