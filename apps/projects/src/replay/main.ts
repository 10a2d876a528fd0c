/**
 * 读模型重放 / rebuilds one of projects' read models from Kafka while the app keeps serving:
 *
 *   npm run replay -- projects household-directory
 *       (scripts/replay.sh: node dist/apps/projects/src/replay/main.js household-directory)
 *   npm run replay -- projects pairings
 *
 * Run it with the app's environment (MONGO_URL, MONGO_DB, KAFKA_BROKERS, KAFKA_TOPIC_PREFIX,
 * KAFKA_GROUP_ID…). Prints one JSON line with the figures last; exit 0 once the app reads the rebuilt
 * model, 1 on failure (the app keeps the previous one), 2 for an unknown read model.
 */
import { replayPairings, runReplayCommand } from '@lib/persistence';
import { inApp } from '@lib/service-kit';
import { projectsConfigSchema } from '../config';
import { replayHouseholdDirectory } from './household-directory-replay';

/** Runs a replay with projects' configuration, database and Kafka. */
const inProjects = inApp(projectsConfigSchema, 'projects');

/**
 * projects' read models that can be rebuilt, and how. Not replayable: projects, beneficiary links,
 * distributions, progress and the assistance ledgers are projects' own records (the source); the
 * paired cadres copied onto each ledger record (who of them sees it) are part of those records.
 */
runReplayCommand('projects', {
  'household-directory': {
    title: '产业项目服务的农户名录（known_households：登记、注销、帮扶责任人）',
    run: inProjects(replayHouseholdDirectory),
  },
  pairings: {
    title: '产业项目服务的帮扶责任人结对（paired_households：帮扶责任人只见其结对农户）',
    run: inProjects(replayPairings),
  },
});
