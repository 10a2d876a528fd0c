import { z } from 'zod';
import { LocalDay } from '../local-day';
import { Month, references, zhTypeError } from '@lib/contracts';

export const AttendanceQuery = z
  .object({
    memberId: z.string(zhTypeError({ required: '必填' })).uuid('须为队员编号（UUID）'),
    month: Month,
  })
  .strict();
export type AttendanceQuery = z.infer<typeof AttendanceQuery>;

export const TeamAttendanceQuery = z
  .object({
    teamId: z.string(zhTypeError({ required: '必填' })).uuid('须为工作队编号（UUID）'),
    month: Month,
  })
  .strict();
export type TeamAttendanceQuery = z.infer<typeof TeamAttendanceQuery>;

export const RecomputeBody = z
  .object({
    month: Month,
    teamId: references(z.string().uuid('须为工作队编号（UUID）'), 'work team', 400).optional(),
    memberId: references(z.string().uuid('须为队员编号（UUID）'), 'team member', 400).optional(),
  })
  .strict()
  .refine((b) => (b.teamId === undefined) !== (b.memberId === undefined), {
    message: 'give teamId or memberId (one of them)',
    path: ['teamId'],
  });
export type RecomputeBody = z.infer<typeof RecomputeBody>;

export const CloseDaysBody = z
  .object({
    month: Month,
    /** Last day to close (default: yesterday); never later than yesterday. */
    through: LocalDay.optional(),
    teamId: references(z.string().uuid('须为工作队编号（UUID）'), 'work team', 400).optional(),
  })
  .strict();
export type CloseDaysBody = z.infer<typeof CloseDaysBody>;
