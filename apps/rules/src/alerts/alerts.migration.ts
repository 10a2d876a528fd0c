import type { Db, Document } from 'mongodb';
import { Migration } from '@lib/persistence';

/**
 * Resolved alerts move to alert_resolutions (issue #17): `alerts` keeps the unresolved ones only.
 * Each resolved alert document becomes its resolution record (a record written before, holding only
 * the resolution, is completed from the document: the record's resolution wins), then leaves
 * `alerts`; a record whose alert was never brought in line (the app died in between) is completed from
 * the unresolved document the same way. Idempotent: run again, it finds what is left to move.
 */
export const resolvedAlertsMigration: Migration = {
  id: 'rules-resolved-alerts-apart',
  async up(db: Db) {
    const alerts = db.collection<Document>('alerts');
    const records = db.collection<Document>('alert_resolutions');
    const move = async (doc: Document, record: Document | null) => {
      const { _id, ...fields } = doc;
      const resolved = { ...fields, ...(record ? withoutId(record) : {}), status: 'resolved' };
      await records.replaceOne({ _id }, resolved, { upsert: true });
      await alerts.deleteOne({ _id });
    };
    for await (const doc of alerts.find({ status: 'resolved' }))
      await move(doc, await records.findOne({ _id: doc._id }));
    // records holding only the resolution (no title): their alert still unresolved in `alerts`
    for await (const record of records.find({ title: { $exists: false } })) {
      const doc = await alerts.findOne({ _id: record._id });
      if (doc) await move(doc, record);
    }
  },
};

function withoutId({ _id: _omit, ...rest }: Document): Document {
  return rest;
}
