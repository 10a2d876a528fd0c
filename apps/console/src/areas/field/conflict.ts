import { INCOME_COMPONENTS, type IncomeComponentName } from '@lib/contracts/survey-income';
import { changesOf, stateOf, type SurveyRecord } from '@/areas/surveys/survey-form';

/** A queued survey body (RecordSurveyBody) as the API would answer it, for comparing and correcting. */
export function recordOf(body: Record<string, unknown>): SurveyRecord {
  const income = (body.income ?? {}) as Record<string, number | null | undefined>;
  const missing = INCOME_COMPONENTS.filter((k) => income[k] === null || income[k] === undefined);
  return {
    ...(body as unknown as SurveyRecord),
    income: Object.fromEntries(INCOME_COMPONENTS.map((k) => [k, income[k] ?? 0])) as Record<
      IncomeComponentName,
      number
    >,
    missingIncomeComponents: missing,
  };
}

/** What a correction of their survey must change so that it says what the phone recorded. */
export function correctionOf(theirs: SurveyRecord, ours: Record<string, unknown>): Record<string, unknown> {
  const changes = changesOf(stateOf(theirs), stateOf(recordOf(ours)));
  // the visit time stays theirs unless the phone recorded one
  if (!ours.visitedAt) delete changes.visitedAt;
  return changes;
}
