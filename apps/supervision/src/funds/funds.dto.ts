import { z } from 'zod';
import { LocalDay } from '../local-day';
import { Month, references, yuan, zhTypeError } from '@lib/contracts';
import { FundCategories } from './fund-entry.schema';

export const RecordFundEntryBody = z
  .object({
    teamId: references(
      z.string(zhTypeError({ required: '必填' })).uuid('须为工作队编号（UUID）'),
      'work team',
      400,
    ),
    spentOn: LocalDay,
    amount: yuan({ above: 0, max: 10_000_000 }),
    category: z.enum(FundCategories),
    description: z.string().trim().min(1, '必填').max(1_000),
    receipts: z.array(z.string().trim().min(1).max(512)).max(20).default([]),
    recordedBy: z.string().trim().min(1, '必填').max(64),
  })
  .strict();
export type RecordFundEntryBody = z.infer<typeof RecordFundEntryBody>;

export const ListFundEntriesQuery = z
  .object({
    teamId: z.string(zhTypeError({ required: '必填' })).uuid('须为工作队编号（UUID）'),
    month: Month.optional(),
    status: z.enum(['pending', 'approved', 'rejected']).optional(),
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(500).default(50),
  })
  .strict();
export type ListFundEntriesQuery = z.infer<typeof ListFundEntriesQuery>;
