import { countyCodesMigration, Migration } from '@lib/persistence';

/** monitoring's data migrations, in order, each run once per database at start (libs/persistence). */
export const migrations: Migration[] = [
  // the household directory and surveys written before tenancy lack countyCode
  countyCodesMigration(['known_households', 'surveys']),
];
