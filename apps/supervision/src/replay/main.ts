/**
 * 读模型重放 / rebuilds one of supervision's read models from Kafka while the app keeps serving:
 *
 *   npm run replay -- supervision visits
 *       (scripts/replay.sh: node dist/apps/supervision/src/replay/main.js visits)
 *
 * Run it with the app's environment (MONGO_URL, MONGO_DB, KAFKA_BROKERS, KAFKA_TOPIC_PREFIX,
 * KAFKA_GROUP_ID…). Prints one JSON line with the figures last; exit 0 once the app reads the rebuilt
 * model, 1 on failure (the app keeps the previous one), 2 for an unknown read model.
 */
import { runReplayCommand } from '@lib/persistence';
import { inApp } from '@lib/service-kit';
import { supervisionConfigSchema } from '../config';
import { replayVisits } from './visits-replay';

/**
 * supervision's read models that can be rebuilt, and how: the visits of team members only. Check-ins,
 * attendance days, leaves, work logs, teams and inspections are its own records (check-ins from the
 * DingTalk callback and the signed endpoint are never on a topic), the source rather than a read model.
 */
runReplayCommand('supervision', {
  visits: {
    title: '驻村督查服务的工作队员入户走访（visits，按当前工作队名册归属）',
    run: inApp(supervisionConfigSchema, 'supervision')(replayVisits),
  },
});
