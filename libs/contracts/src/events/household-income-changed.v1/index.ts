import { z } from 'zod';
import { defineEvent, EventOf } from '../../event-definition';
import { Topics } from '../../topics';
import { Month, TownCode, VillageCode, Yuan } from '../../domain';

/**
 * Monitoring's view of a household's income changed (收入台账). Subject: householdId.
 *
 * The income is the last survey's 12-month income plus project benefits (dividends, wages…) paid
 * after that survey's visit; a later survey is taken to include what was paid before it.
 * perCapitaNetIncome = (wage + business + property + transfer − businessCosts) / residentMembers,
 * null when no member is resident. Rules evaluate income rules on this event.
 */
export const HouseholdIncomeChangedV1 = defineEvent({
  type: 'household-income.changed.v1',
  topic: Topics.monitoring,
  key: 'subject',
  schema: z.object({
    householdId: z.string().min(1),
    townCode: TownCode,
    villageCode: VillageCode,
    /** The month the income figure stands for (the survey's month, or the payment's month). */
    month: Month,
    asOf: z.iso.datetime({ offset: true }),
    income: z.object({
      wage: Yuan,
      business: Yuan,
      property: Yuan,
      transfer: Yuan,
      businessCosts: Yuan,
    }),
    netIncome: Yuan,
    residentMembers: z.number().int().nonnegative(),
    perCapitaNetIncome: z.number().nullable(),
    previousPerCapitaNetIncome: z.number().nullable(),
    /** Ratio of change (0.1 = +10 %) against the previous month's / the same month last year's figure; null when unknown. */
    monthOverMonthChange: z.number().nullable(),
    yearOverYearChange: z.number().nullable(),
    cause: z.object({
      kind: z.enum(['survey', 'survey-correction', 'project-distribution', 'assistance-payment']),
      /** surveyId, distributionId or (assistance-payment) the assistance ledger's paymentId */
      id: z.string().min(1),
    }),
    lastSurveyId: z.string().min(1).nullable(),
  }),
});
export type HouseholdIncomeChangedV1 = EventOf<typeof HouseholdIncomeChangedV1>;
