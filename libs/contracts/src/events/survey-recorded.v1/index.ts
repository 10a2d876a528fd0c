import { z } from 'zod';
import { defineEvent, EventOf } from '../../event-definition';
import { Topics } from '../../topics';
import { Month, TownCode, VillageCode, Yuan } from '../../domain';
import {
  RiskType,
  SurveyEmploymentChange,
  SurveyGps,
  SurveyGuarantees,
  SurveyIncomeComponent,
  SurveyRigidSpending,
} from '../../surveys';

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
    visitedAt: z.iso.datetime({ offset: true }),
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
    // optional since the full survey form (schema evolution: producers before it send none of them)
    /** Components the visitor left out (counted as 0). */
    missingIncomeComponents: z.array(SurveyIncomeComponent).optional(),
    gps: SurveyGps.optional(),
    rigidSpending: SurveyRigidSpending.optional(),
    guarantees: SurveyGuarantees.optional(),
    employmentChanges: z.array(SurveyEmploymentChange).optional(),
    /** Up to five 风险类型. */
    riskTypes: z.array(RiskType).max(5).optional(),
    notes: z.string().optional(),
    /** Photo references only (URLs or storage ids), never the image. */
    photos: z.array(z.string().min(1)).optional(),
  }),
});
export type SurveyRecordedV1 = EventOf<typeof SurveyRecordedV1>;
