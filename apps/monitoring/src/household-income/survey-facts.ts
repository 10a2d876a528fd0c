import { SurveyFact } from './domain/income-figure';

/**
 * What the income ledger (收入台账) reads of a household's surveys. The survey store provides it
 * (HouseholdIncomeModule.fedBy), so the ledger does not depend on the surveys feature.
 */
export abstract class SurveyFacts {
  abstract factsOf(householdId: string): Promise<SurveyFact[]>;
  /** The surveys of several households in one statement (a consumer's batch), per household. */
  abstract factsOfMany(householdIds: string[]): Promise<Map<string, SurveyFact[]>>;
}
