import { Migration } from '@lib/persistence';
import { carePairingsIntoRoster } from './care-roster/care-pairings.migration';

/** households' data migrations, in order, each run once per database at start (libs/persistence). */
export const migrations: Migration[] = [carePairingsIntoRoster];
