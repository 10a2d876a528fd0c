import { z } from 'zod';
import { Month, VillageCode, Yuan } from '@lib/contracts';

const NonNegativeYuan = Yuan.refine((v) => v >= 0, 'must not be negative');

export const RecordSurveyBody = z
  .object({
    householdId: z.string().uuid('must be a household id (UUID)'),
    month: Month,
    visitedAt: z
      .string()
      .datetime({ offset: true, message: 'must be an ISO date-time' })
      .refine((s) => Date.parse(s) <= Date.now() + 5 * 60_000, 'must not be in the future')
      .optional(),
    visitor: z.string().trim().min(1, 'is required').max(64),
    income: z
      .object({
        wage: NonNegativeYuan,
        /** 经营净收入 may be a loss. */
        business: Yuan,
        property: NonNegativeYuan,
        transfer: NonNegativeYuan,
        businessCosts: NonNegativeYuan.default(0),
      })
      .strict(),
    residentMembers: z.number({ required_error: 'is required' }).int('must be a whole number').min(0).max(30),
  })
  .strict();
export type RecordSurveyBody = z.infer<typeof RecordSurveyBody>;

export const ListSurveysQuery = z
  .object({
    householdId: z.string().uuid().optional(),
    month: Month.optional(),
    villageCode: VillageCode.optional(),
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(500).default(50),
  })
  .strict();
