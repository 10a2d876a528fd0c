import { countyCodesMigration, Migration } from '@lib/persistence';
import { resolvedAlertsMigration } from './alerts/alerts.migration';
import { subjectVersionsMigration } from './subjects/subjects.migration';

/** rules' data migrations, in order, each run once per database at start (libs/persistence). */
export const migrations: Migration[] = [
  // alerts raised before tenancy lack countyCode
  countyCodesMigration(['alerts']),
  // subjects become append-only versions (issue #17)
  subjectVersionsMigration,
  // resolved alerts kept apart from the unresolved ones (issue #17)
  resolvedAlertsMigration,
];
