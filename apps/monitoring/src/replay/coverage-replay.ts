import { Topics } from '@lib/contracts';
import { AppReplayOptions, ReadModelReplayResult, replayReadModel, ShadowWriter } from '@lib/persistence';
import { CoverageEntry, CoverageFold, CoverageMarkFact } from '../coverage/domain/coverage-fold';
import { COVERAGE_HOUSEHOLDS, marksCollectionOf } from '../coverage/coverage-collections';
import { COVERAGE_READ_MODEL } from './coverage-pointer';

export interface CoverageReplayResult extends ReadModelReplayResult {
  /** The marks' rebuilt collection, beside `collection` (the entries'). */
  marksCollection: string;
  households: number;
  marks: number;
}

/**
 * Rebuilds 走访覆盖 (its entries and marks) from households.events.v1 and monitoring.events.v1 while
 * the app keeps serving and consuming (issue #17; the mechanism is libs/persistence's replayReadModel).
 * The two collections are one read model: the shadows `coverage_households_r<time>` and
 * `coverage_marks_r<time>` are built together, and the pointer (`_id: coverage`) names the first, so
 * the one write that switches it switches both. Derives only: no village-month is left for the
 * announcer, no coverage.changed.v1 is announced.
 */
export async function replayCoverage(o: AppReplayOptions): Promise<CoverageReplayResult> {
  const fold = new CoverageFold();
  const entries = new ShadowWriter<CoverageEntry>();
  const marks = new ShadowWriter<CoverageMarkFact>();
  const marksOf = (shadowName: string) => o.db.collection<CoverageMarkFact>(marksCollectionOf(shadowName));
  const result = await replayReadModel<CoverageEntry>(
    {
      ...o,
      topics: [`${o.topicPrefix}${Topics.households}`, `${o.topicPrefix}${Topics.monitoring}`],
      readModel: COVERAGE_READ_MODEL,
      collection: COVERAGE_HOUSEHOLDS,
    },
    {
      async prepare(shadow) {
        // the schemas' indexes (coverage.schema.ts)
        for (const field of ['countyCode', 'townCode', 'villageCode'])
          await shadow.createIndex({ [field]: 1 });
        await o.db.createCollection(marksCollectionOf(shadow.collectionName));
        for (const field of ['townCode', 'villageCode', 'countyCode'])
          await marksOf(shadow.collectionName).createIndex({ [field]: 1, month: 1 });
      },
      apply: (events) => fold.apply(events),
      async flush(shadow) {
        await entries.flush(shadow, fold.changedEntries, (id) => fold.entry(id));
        await marks.flush(marksOf(shadow.collectionName), fold.changedMarks, (id) => fold.mark(id));
      },
    },
  );
  return {
    ...result,
    marksCollection: marksCollectionOf(result.collection),
    households: fold.households,
    marks: fold.marks,
  };
}
