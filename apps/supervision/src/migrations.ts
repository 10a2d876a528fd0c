import { countyCodesMigration, Migration } from '@lib/persistence';

/** supervision's data migrations, in order, each run once per database at start (libs/persistence). */
export const migrations: Migration[] = [
  // records written before tenancy lack countyCode
  countyCodesMigration([
    'members',
    'checkins',
    'work_logs',
    'attendance_days',
    'fund_entries',
    'leaves',
    'inspections',
  ]),
];
