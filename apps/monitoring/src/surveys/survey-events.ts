import { DataOf, SurveyRecordedV1 } from '@lib/contracts';
import type { SurveyFact } from '../household-income/domain/income-figure';
import type { Survey, SurveyContent } from './survey.schema';

type SurveyRecordedData = DataOf<typeof SurveyRecordedV1>;

/** The survey as events carry it (survey.recorded.v1; survey.corrected.v1 adds the correction). */
export function surveyEventData(
  s: Pick<Survey, '_id' | 'householdId' | 'townCode' | 'villageCode' | 'month'> & SurveyContent,
): SurveyRecordedData {
  return {
    surveyId: s._id,
    householdId: s.householdId,
    townCode: s.townCode,
    villageCode: s.villageCode,
    month: s.month,
    visitedAt: s.visitedAt.toISOString(),
    visitor: s.visitor,
    income: s.income,
    netIncome: s.netIncome,
    residentMembers: s.residentMembers,
    perCapitaNetIncome: s.perCapitaNetIncome,
    missingIncomeComponents: s.missingIncomeComponents ?? [],
    // optional parts only when the survey has them (the contract takes no nulls)
    ...(s.gps ? { gps: s.gps } : {}),
    ...(s.rigidSpending ? { rigidSpending: s.rigidSpending } : {}),
    ...(s.guarantees ? { guarantees: s.guarantees } : {}),
    ...(s.employmentChanges ? { employmentChanges: s.employmentChanges } : {}),
    ...(s.riskTypes ? { riskTypes: s.riskTypes as SurveyRecordedData['riskTypes'] } : {}),
    ...(s.notes ? { notes: s.notes } : {}),
    ...(s.photos ? { photos: s.photos } : {}),
  };
}

export function surveyFact(s: Pick<Survey, '_id' | 'month'> & SurveyContent): SurveyFact {
  return {
    surveyId: s._id,
    month: s.month,
    visitedAt: s.visitedAt,
    income: s.income,
    residentMembers: s.residentMembers,
  };
}
