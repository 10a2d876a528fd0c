import { z } from 'zod';
import { Month, RiskType, TownCode, VillageCode } from '@lib/contracts';

const BooleanQuery = z.enum(['true', 'false']).transform((v) => v === 'true');

export const ListSurveysQuery = z
  .object({
    householdId: z.string().uuid().optional(),
    month: Month.optional(),
    townCode: TownCode.optional().describe('the surveys of one town (乡镇)'),
    villageCode: VillageCode.optional(),
    visitor: z.string().trim().min(1).max(64).optional(),
    riskType: RiskType.optional(),
    hasMissingComponents: BooleanQuery.optional().describe(
      'true: only surveys with missing income components',
    ),
    belowLine: BooleanQuery.optional().describe(
      "true: only surveys whose 人均纯收入 is below the year's 监测范围 line of their county; false: at or above it",
    ),
    sort: z
      .enum(['visitedAt', '-visitedAt', 'month', '-month'])
      .default('-month')
      .describe('visitedAt ascending, -visitedAt newest first, …'),
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(500).default(50),
  })
  .strict();
export type ListSurveysQuery = z.infer<typeof ListSurveysQuery>;
