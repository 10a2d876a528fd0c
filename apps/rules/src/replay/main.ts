/**
 * 读模型重放 / rebuilds one of rules' read models from Kafka while the app keeps serving:
 *
 *   npm run replay -- rules subjects      (scripts/replay.sh: node dist/apps/rules/src/replay/main.js subjects)
 *
 * Reads the app's configuration from the environment, as the app does (MONGO_URL, MONGO_DB,
 * KAFKA_BROKERS, KAFKA_TOPIC_PREFIX, KAFKA_GROUP_ID…), so run it with the app's environment
 * (docker compose run / kubectl exec into the app's image). Prints one JSON line with the figures
 * last. Exit 0 once the app reads the rebuilt model; 1 on failure (the app keeps the previous one);
 * 2 for an unknown app or read model (libs/persistence, runReplayCommand).
 */
import { createKafkaClient } from '@lib/messaging';
import { runReplayCommand, withAppReplay } from '@lib/persistence';
import { kafkaSettingsOf, loadConfig } from '@lib/service-kit';
import { rulesConfigSchema } from '../config';
import { replaySubjects } from './subjects-replay';

/** rules' read models that can be rebuilt, and how. */
runReplayCommand('rules', {
  subjects: {
    title: '规则服务的主体状态（subject_versions）',
    run: (log) => {
      const config = loadConfig(rulesConfigSchema);
      const kafka = createKafkaClient(kafkaSettingsOf(config, 'rules'), '-replay');
      return withAppReplay(config, kafka, log, replaySubjects);
    },
  },
});
