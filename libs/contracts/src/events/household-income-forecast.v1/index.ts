import { z } from 'zod';
import { defineEvent, EventOf } from '../../event-definition';
import { Topics } from '../../topics';
import { Month, TownCode, VillageCode } from '../../domain';

const Amount = z.number().finite();

/**
 * 收入趋势预测: monitoring's forecast of a household's per-capita net income (12-month figure) for the
 * next three months and the current year, recomputed when its facts change (surveys, payments,
 * department facts). Method 季节性朴素法加近期趋势 (apps/monitoring/src/income-forecast/domain).
 * Subject: householdId. Rules evaluate the `forecast` trigger on it (forecastBelowLine).
 */
export const HouseholdIncomeForecastV1 = defineEvent({
  type: 'household-income.forecast.v1',
  topic: Topics.monitoring,
  key: 'subject',
  schema: z.object({
    householdId: z.string().min(1),
    townCode: TownCode,
    villageCode: VillageCode,
    method: z.literal('seasonal-naive-trend'),
    /** The month of the last recorded figure the forecast starts from. */
    baseMonth: Month,
    current: Amount,
    months: z
      .array(z.object({ month: Month, expected: Amount, lower: Amount, upper: Amount }))
      .min(1)
      .max(12),
    yearEnd: z.object({ year: z.number().int(), expected: Amount, lower: Amount, upper: Amount }),
    /** σ of one month ahead, yuan per person. */
    sigma: Amount,
    /** The facts that moved it most, in Chinese, with their effect three months ahead (yuan per person). */
    reasons: z.array(z.object({ code: z.string().min(1), text: z.string().min(1), effect: Amount })).max(10),
    computedAt: z.iso.datetime({ offset: true }),
  }),
});
export type HouseholdIncomeForecastV1 = EventOf<typeof HouseholdIncomeForecastV1>;
