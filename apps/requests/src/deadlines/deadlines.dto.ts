import { z } from 'zod';
import { CountyCode, ResidentRequestCategory } from '@lib/contracts';

export const CountyParam = CountyCode;

const Days = z.number().int('须为整数天').min(1, '至少 1 天').max(365, '最多 365 天');

/** PUT /api/v1/resident-request-deadlines/:countyCode */
export const PutDeadlinesBody = z.strictObject({
  days: z.partialRecord(ResidentRequestCategory, Days),
  warnDaysBefore: z.number().int('须为整数天').min(0, '不能为负数').max(30, '最多提前 30 天').default(1),
});
export type PutDeadlinesBody = z.infer<typeof PutDeadlinesBody>;
