/**
 * 读模型重放 / rebuilds one of monitoring's read models from Kafka while the app keeps serving:
 *
 *   npm run replay -- monitoring household-directory | coverage | member-index | household-income | income-forecast
 *                                | pairings
 *       (scripts/replay.sh: node dist/apps/monitoring/src/replay/main.js <read-model>)
 *
 * Run it with the app's environment (MONGO_URL, MONGO_DB, KAFKA_BROKERS, KAFKA_TOPIC_PREFIX,
 * KAFKA_GROUP_ID…). Prints one JSON line with the figures last; exit 0 once the app reads the rebuilt
 * model, 1 on failure (the app keeps the previous one), 2 for an unknown read model.
 */
import { replayPairings, runReplayCommand } from '@lib/persistence';
import { inApp } from '@lib/service-kit';
import { monitoringConfigSchema } from '../config';
import { replayCoverage } from './coverage-replay';
import { replayHouseholdDirectory } from './household-directory-replay';
import { replayHouseholdIncome } from './household-income-replay';
import { replayIncomeForecast } from './income-forecast-replay';
import { replayMemberIndex } from './member-index-replay';

/** Runs a replay with monitoring's configuration, database and Kafka. */
const withMonitoring = inApp(monitoringConfigSchema, 'monitoring');

/**
 * monitoring's read models that can be rebuilt, and how (docs/architecture.md, Replay, says which are
 * not: surveys, thresholds and field settings are its own records, the source rather than a read model;
 * so are the department facts, taken through the API too and matched with effects — see
 * replay/README.md).
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
  'household-income': {
    title: '收入台账的项目与帮扶收入记录（income_payments；走访调查是监测服务自己的记录，不重放）',
    run: withMonitoring(replayHouseholdIncome),
  },
  'income-forecast': {
    title: '收入趋势预测及项目未发放记录（income_forecasts、forecast_benefit_gaps）',
    run: withMonitoring(replayIncomeForecast),
  },
  pairings: {
    title: '监测服务的帮扶责任人结对（paired_households：帮扶责任人只见其结对农户）',
    run: withMonitoring(replayPairings),
  },
});
