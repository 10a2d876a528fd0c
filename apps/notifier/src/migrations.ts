import type { Db } from 'mongodb';
import { countyCodesMigration, isDuplicateKeyError, Migration } from '@lib/persistence';

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
  {
    // the notifier's own pairings (cadres with names per household) split: which cadres a household has goes
    // to the shared pairing record (paired_households), their names to paired_cadres; newest wins in both
    id: '0003-pairings-to-shared-record',
    up: movePairingsToSharedRecord,
  },
];

interface OldPairing {
  _id: string;
  villageCode: string;
  cadres: Array<{ userId: string; name: string; orgUnit: string }>;
  version: number;
  changedAt: Date;
}

async function newerWins(run: () => Promise<unknown>): Promise<void> {
  try {
    await run();
  } catch (e) {
    if (!isDuplicateKeyError(e)) throw e; // as new or newer is stored: keep it
  }
}

async function movePairingsToSharedRecord(db: Db): Promise<void> {
  const households = db.collection<{ _id: string; version: number }>('paired_households');
  const cadres = db.collection<{ _id: string; namedAt: Date }>('paired_cadres');
  for await (const p of db.collection<OldPairing>('pairings').find()) {
    for (const c of p.cadres)
      await newerWins(() =>
        cadres.updateOne(
          { _id: c.userId, namedAt: { $lt: p.changedAt } },
          { $set: { name: c.name, orgUnit: c.orgUnit, namedAt: p.changedAt } },
          { upsert: true },
        ),
      );
    await newerWins(() =>
      households.updateOne(
        { _id: p._id, version: { $lt: p.version } },
        {
          $set: {
            villageCode: p.villageCode,
            cadreIds: p.cadres.map((c) => c.userId),
            version: p.version,
            changedAt: p.changedAt,
          },
        },
        { upsert: true },
      ),
    );
  }
}
