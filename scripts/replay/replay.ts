/**
 * 读模型重放 / rebuilds one read model of an app from Kafka while the app keeps serving:
 *
 *   npm run replay -- rules subjects
 *
 * Reads the app's configuration from the environment, as the app does (MONGO_URL, MONGO_DB,
 * KAFKA_BROKERS, KAFKA_TOPIC_PREFIX, KAFKA_GROUP_ID…), so run it with the app's environment
 * (docker compose run / kubectl exec into the app's image). Prints one JSON line with the figures
 * last. Exit 0 once the app reads the rebuilt model; 1 on failure (the app keeps the previous one);
 * 2 for an unknown app or read model.
 */
import { MongoClient } from 'mongodb';
import { createKafkaClient } from '@lib/messaging';
import { kafkaSettingsOf, loadConfig } from '@lib/service-kit';
import { rulesConfigSchema } from '../../apps/rules/src/config';
import { replaySubjects } from '../../apps/rules/src/replay/subjects-replay';

type Runner = () => Promise<object>;

const log = (line: string) => console.error(`[replay] ${line}`);

async function rulesSubjects(): Promise<object> {
  const config = loadConfig(rulesConfigSchema);
  const mongo = await MongoClient.connect(config.MONGO_URL);
  try {
    return await replaySubjects({
      db: mongo.db(config.MONGO_DB),
      kafka: createKafkaClient(kafkaSettingsOf(config, 'rules'), '-replay'),
      topicPrefix: config.KAFKA_TOPIC_PREFIX,
      liveGroup: `${config.KAFKA_TOPIC_PREFIX}${config.KAFKA_GROUP_ID}`,
      log,
    });
  } finally {
    await mongo.close();
  }
}

/** app → read model → how it is rebuilt. */
export const REPLAYABLE: Record<string, Record<string, { title: string; run: Runner }>> = {
  rules: { subjects: { title: '规则服务的主体状态（subject_versions）', run: rulesSubjects } },
};

function usage(): string {
  const lines = Object.entries(REPLAYABLE).flatMap(([app, models]) =>
    Object.entries(models).map(([m, { title }]) => `  npm run replay -- ${app} ${m}    ${title}`),
  );
  return `用法 / usage: npm run replay -- <app> <read-model>\n${lines.join('\n')}`;
}

async function main() {
  const [app, model] = process.argv.slice(2);
  const target = app && model ? REPLAYABLE[app]?.[model] : undefined;
  if (!target) {
    console.error(app ? `没有可重放的读模型 “${app} ${model ?? ''}”。\n${usage()}` : usage());
    process.exit(2);
  }
  const result = await target.run();
  console.log(JSON.stringify({ app, readModel: model, ...result }));
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(`[replay] 重放失败，应用仍使用原读模型: ${(e as Error).stack ?? String(e)}`);
    process.exit(1);
  },
);
