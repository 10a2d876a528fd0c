import { z } from 'zod';
import { CountyCode, Month, references, TownCode, VillageCode } from '@lib/contracts';
import { chinaMonthDay } from './domain/coverage-rule';

const NotFutureMonth = Month.refine(
  (m) => m <= chinaMonthDay(new Date()).month,
  '不能查询未来月份 (must not be a future month)',
).describe('the survey month, YYYY-MM (this month or earlier)');

export const CoverageQuery = z
  .object({
    month: NotFutureMonth,
    countyCode: references(CountyCode, 'county')
      .optional()
      .describe('a county: every village of it in your scope'),
    townCode: references(TownCode, 'town').optional().describe('a town: every village of it in your scope'),
    villageCode: references(VillageCode, 'village').optional().describe('one village'),
  })
  .strict()
  .refine((q) => [q.countyCode, q.townCode, q.villageCode].filter((u) => u !== undefined).length === 1, {
    message: '须且仅须给出 countyCode、townCode 或 villageCode 之一 (give exactly one org unit)',
    path: ['townCode'],
  });
export type CoverageQuery = z.infer<typeof CoverageQuery>;

export const CoverageHouseholdsQuery = z
  .object({
    month: NotFutureMonth,
    villageCode: references(VillageCode, 'village'),
    status: z.enum(['surveyed', 'due', 'overdue']).optional().describe('only households with this status'),
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(500).default(50),
  })
  .strict();
export type CoverageHouseholdsQuery = z.infer<typeof CoverageHouseholdsQuery>;
