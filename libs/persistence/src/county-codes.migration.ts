import type { Db } from 'mongodb';
import type { Migration } from './migrations';

/**
 * Records written before tenancy existed may lack countyCode (the scope filter needs it): derived
 * from villageCode, in batches. Idempotent; returns how many records it changed.
 */
export async function backfillCountyCodes(db: Db, collection: string, batch = 500): Promise<number> {
  const c = db.collection<{ _id: unknown; villageCode?: string; countyCode?: string }>(collection);
  let done = 0;
  for (;;) {
    const docs = await c
      .find(
        { countyCode: { $exists: false }, villageCode: { $type: 'string' } },
        { projection: { villageCode: 1 } },
      )
      .limit(batch)
      .toArray();
    if (docs.length === 0) return done;
    await c.bulkWrite(
      docs.map((d) => ({
        updateOne: {
          filter: { _id: d._id },
          update: { $set: { countyCode: String(d.villageCode).slice(0, 6) } },
        },
      })),
      { ordered: false },
    );
    done += docs.length;
  }
}

/** The first migration of every app whose records are scoped: countyCode from villageCode. */
export function countyCodesMigration(collections: readonly string[]): Migration {
  return {
    id: '0001-backfill-county-codes',
    async up(db) {
      for (const c of collections) await backfillCountyCodes(db, c);
    },
  };
}
