import type { Db } from 'mongodb';
import { isDuplicateKeyError, Migration } from '@lib/persistence';
import { SubjectState } from './domain/subject-state';
import { SubjectVersion, versionOf } from './subjects.store';

/**
 * Subjects were one document per subject (`subjects`, replaced in place); they are now append-only
 * versions (`subject_versions`, issue #17). Copies each into its version; the old collection is left
 * for the operator to drop. Idempotent: a version that exists already is skipped.
 */
export const subjectVersionsMigration: Migration = {
  id: 'rules-subject-versions',
  async up(db: Db) {
    const from = db.collection<SubjectState>('subjects');
    const to = db.collection<SubjectVersion>('subject_versions');
    let page: SubjectState[] = [];
    const flush = async () => {
      if (page.length === 0) return;
      await to
        .insertMany(
          page.map((s) => versionOf(s)),
          { ordered: false },
        )
        .catch((e: unknown) => {
          if (!isDuplicateKeyError(e)) throw e;
        });
      page = [];
    };
    for await (const s of from.find({})) {
      page.push(s as SubjectState);
      if (page.length >= 500) await flush();
    }
    await flush();
  },
};
