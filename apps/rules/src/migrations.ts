import { countyCodesMigration, Migration } from '@lib/persistence';

/** rules' data migrations, in order, each run once per database at start (libs/persistence). */
export const migrations: Migration[] = [
  // alerts raised before tenancy lack countyCode
  countyCodesMigration(['alerts']),
];
