/**
 * 读模型重放 / rebuilds one of households' read models from Kafka while the app keeps serving:
 *
 *   npm run replay -- households recorded-facts
 *       (scripts/replay.sh: node dist/apps/households/src/replay/main.js recorded-facts)
 *
 * Run it with the app's environment (MONGO_URL, MONGO_DB, KAFKA_BROKERS, KAFKA_TOPIC_PREFIX,
 * KAFKA_GROUP_ID…). Prints one JSON line with the figures last; exit 0 once the app reads the rebuilt
 * model, 1 on failure (the app keeps the previous one), 2 for an unknown read model.
 */
import { runReplayCommand } from '@lib/persistence';
import { inApp } from '@lib/service-kit';
import { householdsConfigSchema } from '../config';
import { replayRecordedFacts } from './recorded-facts-replay';

/**
 * households' read models that can be rebuilt, and how: only its copy of monitoring's facts (the
 * registry, its ledger and its decisions are its own records, the source rather than a read model).
 */
runReplayCommand('households', {
  'recorded-facts': {
    title: '农户服务的收入台账与监测范围副本（recorded_incomes、recorded_thresholds）',
    run: inApp(householdsConfigSchema, 'households')(replayRecordedFacts),
  },
});
