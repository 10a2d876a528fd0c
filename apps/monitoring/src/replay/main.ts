/**
 * 读模型重放 / rebuilds one of monitoring's read models from Kafka while the app keeps serving:
 *
 *   npm run replay -- monitoring household-directory | coverage | member-index
 *       (scripts/replay.sh: node dist/apps/monitoring/src/replay/main.js <read-model>)
 *
 * Run it with the app's environment (MONGO_URL, MONGO_DB, KAFKA_BROKERS, KAFKA_TOPIC_PREFIX,
 * KAFKA_GROUP_ID…). Prints one JSON line with the figures last; exit 0 once the app reads the rebuilt
 * model, 1 on failure (the app keeps the previous one), 2 for an unknown read model.
 */
import { createKafkaClient } from '@lib/messaging';
import { AppReplayOptions, runReplayCommand, withAppReplay } from '@lib/persistence';
import { kafkaSettingsOf, loadConfig } from '@lib/service-kit';
import { monitoringConfigSchema } from '../config';
import { replayCoverage } from './coverage-replay';
import { replayHouseholdDirectory } from './household-directory-replay';
import { replayMemberIndex } from './member-index-replay';

/** Runs a replay with monitoring's configuration, database and Kafka. */
const withMonitoring =
  <R>(replay: (o: AppReplayOptions) => Promise<R>) =>
  (log: (line: string) => void) => {
    const config = loadConfig(monitoringConfigSchema);
    const kafka = createKafkaClient(kafkaSettingsOf(config, 'monitoring'), '-replay');
    return withAppReplay(config, kafka, log, replay);
  };

/**
 * monitoring's read models that can be rebuilt, and how (docs/architecture.md, Replay, says which are
 * not: surveys, thresholds and field settings are its own records, the source rather than a read model).
 */
runReplayCommand('monitoring', {
  'household-directory': {
    title: '监测服务的农户名录（known_households）',
    run: withMonitoring(replayHouseholdDirectory),
  },
  coverage: {
    title: '走访覆盖：各户入册与每月已走访标记（coverage_households、coverage_marks）',
    run: withMonitoring(replayCoverage),
  },
  'member-index': {
    title: '部门数据的成员身份号码索引（member_hashes）',
    run: withMonitoring(replayMemberIndex),
  },
});
