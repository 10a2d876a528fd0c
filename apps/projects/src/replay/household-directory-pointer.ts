import { HOUSEHOLD_DIRECTORY_READ_MODEL, readModelFollowerProvider } from '@lib/persistence';
import { CollectionsSetup } from '@lib/service-kit';
import { HouseholdDirectory } from '../household-directory/household-directory';

/**
 * Follows the household directory's pointer (ReadModelFollower): at start, the collection to use;
 * while `npm run replay -- projects household-directory` switches over, stops taking batches and
 * acknowledges once none is in flight; then the directory reads and writes the rebuilt collection.
 */
export const HouseholdDirectoryPointer = readModelFollowerProvider(
  HOUSEHOLD_DIRECTORY_READ_MODEL,
  HouseholdDirectory,
  CollectionsSetup,
);
