import { z } from 'zod';
import { defineEvent, EventOf } from '../../event-definition';
import { Topics } from '../../topics';
import { Month, TownCode, VillageCode, Yuan } from '../../domain';

/**
 * A monthly monitoring survey (每月入户走访) was recorded. Subject: householdId.
 * perCapitaNetIncome = (wage + business + property + transfer − businessCosts) / residentMembers,
 * null when no member is resident (nothing to divide by).
 */
export const SurveyRecordedV1 = defineEvent({
  type: 'survey.recorded.v1',
  topic: Topics.monitoring,
  key: 'subject',
  schema: z.object({
    surveyId: z.string().min(1),
    householdId: z.string().min(1),
    townCode: TownCode,
    villageCode: VillageCode,
    month: Month,
    visitedAt: z.string().datetime({ offset: true }),
    visitor: z.string().min(1),
    income: z.object({
      wage: Yuan,
      business: Yuan,
      property: Yuan,
      transfer: Yuan,
      businessCosts: Yuan,
    }),
    netIncome: Yuan,
    residentMembers: z.number().int().nonnegative(),
    perCapitaNetIncome: Yuan.nullable(),
  }),
});
export type SurveyRecordedV1 = EventOf<typeof SurveyRecordedV1>;
