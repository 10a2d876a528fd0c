/**
 * 读模型重放 / rebuilds one of rules' read models from Kafka while the app keeps serving:
 *
 *   npm run replay -- rules subjects      (scripts/replay.sh: node dist/apps/rules/src/replay/main.js subjects)
 *   npm run replay -- rules care-roster   (the care roster and the counties' visit frequencies)
 *   npm run replay -- rules pairings      (the 帮扶责任人 pairings a paired cadre's scope reads)
 *
 * Reads the app's configuration from the environment, as the app does (MONGO_URL, MONGO_DB,
 * KAFKA_BROKERS, KAFKA_TOPIC_PREFIX, KAFKA_GROUP_ID…), so run it with the app's environment
 * (docker compose run / kubectl exec into the app's image). Prints one JSON line with the figures
 * last. Exit 0 once the app reads the rebuilt model; 1 on failure (the app keeps the previous one);
 * 2 for an unknown app or read model (libs/persistence, runReplayCommand).
 */
import { replayPairings, runReplayCommand } from '@lib/persistence';
import { inApp } from '@lib/service-kit';
import { rulesConfigSchema } from '../config';
import { replayCareRoster } from './care-roster-replay';
import { replaySubjects } from './subjects-replay';

/** Runs a replay with rules' configuration, database and Kafka. */
const inRules = inApp(rulesConfigSchema, 'rules');

/** rules' read models that can be rebuilt, and how. */
runReplayCommand('rules', {
  subjects: { title: '规则服务的主体状态（subject_versions）', run: inRules(replaySubjects) },
  'care-roster': {
    title: '规则服务的关爱服务名册与走访频次（care_roster、care_frequencies）',
    run: inRules(replayCareRoster),
  },
  pairings: {
    title: '规则服务的帮扶责任人结对（paired_households：帮扶责任人只见其结对农户的预警）',
    run: inRules(replayPairings),
  },
});
