import { z } from 'zod';
import { refusals, Yuan, zhTypeError } from '@lib/contracts';
import { codeProblem } from './domain/threshold-key';

const Scope = z.enum(['national', 'province', 'county']);
const Year = z.coerce.number().int('须为整年').min(2000).max(2100);

export const PutThresholdBody = z
  .object({
    scope: Scope.describe('national, province or county'),
    code: z.string().optional().describe('2-digit province or 6-digit county code; none for national'),
    year: z
      .number(zhTypeError({ required: '必填' }))
      .int('须为整年')
      .min(2000)
      .max(2100),
    amount: Yuan.refine(
      (v) => v > 0 && v <= 1_000_000,
      '须大于0且不超过1000000 (must be > 0 and ≤ 1,000,000)',
    ).describe('yuan per person per year'),
    source: z.string().trim().min(1, '必填').max(200).describe('the document that published the figure'),
    reason: z.string().trim().min(2, '须说明原因 (a reason is required)').max(500),
  })
  .strict()
  .superRefine((b, ctx) => {
    const problem = codeProblem(b.scope, b.code);
    if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['code'], message: problem });
  })
  .meta(
    refusals({
      field: 'code',
      rule: '全国范围不带代码，省级须为2位省代码，县级须为6位县代码 (as the scope requires)',
    }),
  );
export type PutThresholdBody = z.infer<typeof PutThresholdBody>;

export const ListThresholdsQuery = z
  .object({
    scope: Scope.optional(),
    code: z
      .string()
      .regex(/^(\d{2}|\d{6})$/, '须为 2 位省代码或 6 位县代码')
      .optional(),
    year: Year.optional(),
  })
  .strict();
export type ListThresholdsQuery = z.infer<typeof ListThresholdsQuery>;

export const ThresholdHistoryQuery = ListThresholdsQuery.extend({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
}).strict();
export type ThresholdHistoryQuery = z.infer<typeof ThresholdHistoryQuery>;
