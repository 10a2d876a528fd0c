import { z } from 'zod';
import { Severity } from '@lib/contracts';

export const RecordInspectionBody = z
  .object({
    teamId: z.string({ required_error: 'is required' }).uuid('must be a team id (UUID)'),
    inspectedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD'),
    inspector: z.string().trim().min(1, 'is required').max(64),
    findings: z
      .array(
        z
          .object({
            memberId: z.string().uuid('must be a member id (UUID)').nullable().default(null),
            finding: z.string().trim().min(1, 'is required').max(2_000),
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
    note: z.string().trim().min(1, 'is required').max(2_000),
    by: z.string().trim().min(1, 'is required').max(64),
  })
  .strict();
export type FollowUpBody = z.infer<typeof FollowUpBody>;

export const ListInspectionsQuery = z
  .object({
    teamId: z.string().uuid('must be a team id (UUID)').optional(),
    status: z.enum(['open', 'rectifying', 'closed']).optional(),
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(500).default(50),
  })
  .strict();
export type ListInspectionsQuery = z.infer<typeof ListInspectionsQuery>;
