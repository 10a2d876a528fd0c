import { z } from 'zod';
import { references, Severity, zhTypeError } from '@lib/contracts';

export const RecordInspectionBody = z
  .object({
    teamId: references(
      z.string(zhTypeError({ required: '必填' })).uuid('须为工作队编号（UUID）'),
      'work team',
      400,
    ),
    inspectedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '须为日期，格式 YYYY-MM-DD'),
    inspector: z.string().trim().min(1, '必填').max(64),
    findings: z
      .array(
        z
          .object({
            memberId: references(z.string().uuid('须为队员编号（UUID）'), 'team member', 400)
              .nullable()
              .default(null),
            finding: z.string().trim().min(1, '必填').max(2_000),
            severity: Severity,
          })
          .strict(),
      )
      .max(100)
      .default([]),
  })
  .strict();
export type RecordInspectionBody = z.infer<typeof RecordInspectionBody>;

export const FollowUpBody = z
  .object({
    status: z.enum(['open', 'rectifying', 'closed']),
    note: z.string().trim().min(1, '必填').max(2_000),
    by: z.string().trim().min(1, '必填').max(64),
  })
  .strict();
export type FollowUpBody = z.infer<typeof FollowUpBody>;

export const ListInspectionsQuery = z
  .object({
    teamId: z.string().uuid('须为工作队编号（UUID）').optional(),
    status: z.enum(['open', 'rectifying', 'closed']).optional(),
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(500).default(50),
  })
  .strict();
export type ListInspectionsQuery = z.infer<typeof ListInspectionsQuery>;
