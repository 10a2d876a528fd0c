import { readModelFollowerProvider } from '@lib/persistence';
import { CollectionsSetup } from '@lib/service-kit';
import { PaymentsStore } from '../household-income/household-income.store';

/** The income ledger's payments' pointer document (`read_models`, libs/persistence). */
export const HOUSEHOLD_INCOME_READ_MODEL = 'household-income';

/**
 * Follows the income ledger's pointer (libs/persistence, ReadModelFollower): at start, the payments'
 * collection to use; while `npm run replay -- monitoring household-income` switches over, stops taking
 * batches and acknowledges once none is in flight; then the ledger reads and writes the rebuilt
 * collection. The API (computed on read from surveys and payments) keeps answering throughout.
 */
export const HouseholdIncomePointer = readModelFollowerProvider(
  HOUSEHOLD_INCOME_READ_MODEL,
  PaymentsStore,
  CollectionsSetup,
);
