import { z } from 'zod';
import { ProjectBenefitKind, refusals, yuan, zhTypeError } from '@lib/contracts';
import { ClientId, IsoDate } from '../dto';

export const PayDistributionBody = z
  .object({
    distributionId: ClientId.optional().describe(
      'client-chosen id: sending the same id again returns the first payment (no double pay); or use the Idempotency-Key header',
    ),
    householdId: z.string(zhTypeError({ required: '必填' })).uuid('须为农户编号（UUID）'),
    kind: ProjectBenefitKind,
    amount: yuan({ above: 0 }).describe('yuan'),
    paidOn: IsoDate,
    note: z.string().trim().max(200).nullable().default(null),
  })
  .strict()
  // checked by distribution-rules.ts against the project and its beneficiaries
  .meta(
    refusals(
      { field: 'paidOn', rule: '在项目开始之后、今天之前，且在该户的受益期内 (within the benefit period)' },
      { field: 'householdId', rule: '须为本项目的受益户 (a beneficiary of the project)' },
      { field: 'kind', rule: '须为该户在本项目的受益方式 (the way the household benefits)' },
    ),
  );
export type PayDistributionBody = z.infer<typeof PayDistributionBody>;

export const IdempotencyKey = ClientId.optional();

export const ListDistributionsQuery = z
  .object({
    householdId: z.string().uuid().optional(),
    year: z.coerce.number().int().min(2000).max(2100).optional(),
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(500).default(50),
  })
  .strict();
export type ListDistributionsQuery = z.infer<typeof ListDistributionsQuery>;
