import type { Collection } from 'mongodb';
import { Topics } from '@lib/contracts';
import { AppReplayOptions, ReadModelReplayResult, replayReadModel, ShadowWriter } from '@lib/persistence';
import {
  RECORDED_INCOMES_COLLECTION,
  RecordedFactsFold,
  RecordedIncome,
  ThresholdRow,
  thresholdsCollectionOf,
} from '../lifecycle/domain/recorded-facts-fold';
import { RECORDED_FACTS_READ_MODEL } from './recorded-facts-pointer';

export interface RecordedFactsReplayResult extends ReadModelReplayResult {
  incomes: number;
  thresholds: number;
}

/**
 * Rebuilds households' copy of monitoring's facts (the newest per-capita income per household and the
 * 监测范围 lines 风险消除 is judged on) from monitoring.events.v1 while the app keeps serving and
 * consuming (issue #17; the mechanism is libs/persistence's replayReadModel): folded in memory
 * (RecordedFactsFold) and written to the shadows `recorded_incomes_r<time>` and
 * `recorded_thresholds_r<time>` per flush. Nothing is published or decided.
 */
export async function replayRecordedFacts(o: AppReplayOptions): Promise<RecordedFactsReplayResult> {
  const fold = new RecordedFactsFold();
  const incomes = new ShadowWriter<RecordedIncome>();
  const lines = new ShadowWriter<ThresholdRow>();
  let thresholds: Collection<ThresholdRow> | null = null;
  const result = await replayReadModel<RecordedIncome>(
    {
      ...o,
      topics: [`${o.topicPrefix}${Topics.monitoring}`],
      readModel: RECORDED_FACTS_READ_MODEL,
      collection: RECORDED_INCOMES_COLLECTION,
    },
    {
      async prepare(shadow) {
        const name = thresholdsCollectionOf(shadow.collectionName);
        await o.db.createCollection(name);
        thresholds = o.db.collection<ThresholdRow>(name);
      },
      apply: (events) => fold.apply(events),
      async flush(shadow) {
        await incomes.flush(shadow, fold.changedIncomes, (id) => fold.incomes.get(id));
        await lines.flush(thresholds!, fold.changedThresholds, (id) => fold.thresholds.get(id));
      },
    },
  );
  return { ...result, incomes: fold.incomes.size, thresholds: fold.thresholds.size };
}
