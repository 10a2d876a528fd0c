import { countyCodesMigration, Migration } from '@lib/persistence';

/** notifier's data migrations, in order, each run once per database at start (libs/persistence). */
export const migrations: Migration[] = [
  // deliveries written before tenancy lack countyCode
  countyCodesMigration(['deliveries']),
  {
    // deliveries logged before escalations existed are the alerts themselves
    id: '0002-delivery-kinds',
    async up(db) {
      await db
        .collection('deliveries')
        .updateMany(
          { kind: { $exists: false } },
          { $set: { kind: 'alert', escalationLevel: 0, escalatedTo: null } },
        );
    },
  },
];
