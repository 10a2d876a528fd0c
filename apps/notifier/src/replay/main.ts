/**
 * 读模型重放 / rebuilds one of the notifier's read models from Kafka while the app keeps serving:
 *
 *   npm run replay -- notifier alerts      (scripts/replay.sh: node dist/apps/notifier/src/replay/main.js alerts)
 *   npm run replay -- notifier pairings
 *
 * Run it with the app's environment (MONGO_URL, MONGO_DB, KAFKA_BROKERS, KAFKA_TOPIC_PREFIX,
 * KAFKA_GROUP_ID, ESCALATION_DEFAULT_MINUTES_*…). Prints one JSON line with the figures last; exit 0
 * once the app reads the rebuilt model, 1 on failure (the app keeps the previous one), 2 for an
 * unknown read model. A replay sends nothing and schedules no escalation.
 */
import { runReplayCommand } from '@lib/persistence';
import { inApp } from '@lib/service-kit';
import { escalationDefaultsOf } from '../alerts/domain/escalation-policy';
import { notifierConfigSchema } from '../config';
import { replayAlerts } from './alerts-replay';
import { replayNotifierPairings } from './pairings-replay';

/** Runs a replay with the notifier's configuration, database and Kafka. */
const inNotifier = inApp(notifierConfigSchema, 'notifier');

/**
 * The notifier's read models that can be rebuilt, and how. Not replayable: the deliveries log (what
 * was sent, and each attempt: the record of effects, not derived from events), contacts and channels
 * (the notifier's own records, managed through its API).
 */
runReplayCommand('notifier', {
  alerts: {
    title: '通知服务的预警记录（alerts：待处理/已确认/已解除；不重发通知、不安排升级）',
    run: inNotifier((o, config) => replayAlerts(o, escalationDefaultsOf(config))),
  },
  pairings: {
    title: '通知服务的帮扶责任人结对（paired_households）及其姓名（paired_cadres）',
    run: inNotifier((o) => replayNotifierPairings(o)),
  },
});
