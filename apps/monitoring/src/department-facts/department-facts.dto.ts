import { z } from 'zod';
import { CountyCode, Department, DepartmentFactRecord, DepartmentFactKind } from '@lib/contracts';

export const SubmitDepartmentFactsBody = z
  .object({
    facts: z
      .array(DepartmentFactRecord)
      .min(1, '至少一条数据')
      .max(500, '每批最多500条 (at most 500 facts per request)')
      .describe('department-fact.submitted.v1 records (see apps/monitoring/README.md)'),
  })
  .strict();
export type SubmitDepartmentFactsBody = z.infer<typeof SubmitDepartmentFactsBody>;

export const ListDepartmentFactsQuery = z
  .object({
    countyCode: CountyCode.optional(),
    department: Department.optional(),
    kind: DepartmentFactKind.optional(),
    householdId: z.string().min(1).max(64).optional(),
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(500).default(50),
  })
  .strict();
export type ListDepartmentFactsQuery = z.infer<typeof ListDepartmentFactsQuery>;
