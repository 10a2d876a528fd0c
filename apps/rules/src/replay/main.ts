/**
 * 读模型重放 / rebuilds one of rules' read models from Kafka while the app keeps serving:
 *
 *   npm run replay -- rules subjects      (scripts/replay.sh: node dist/apps/rules/src/replay/main.js subjects)
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
import { rulesConfigSchema } from '../config';
import { replaySubjects } from './subjects-replay';

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

/** rules' read models that can be rebuilt, and how. */
const REPLAYABLE: Record<string, { title: string; run: Runner }> = {
  subjects: { title: '规则服务的主体状态（subject_versions）', run: rulesSubjects },
};

function usage(): string {
  const lines = Object.entries(REPLAYABLE).map(
    ([m, { title }]) => `  npm run replay -- rules ${m}    ${title}`,
  );
  return `用法 / usage: npm run replay -- <app> <read-model>\n${lines.join('\n')}`;
}

async function main() {
  const model = process.argv[2];
  const target = model ? REPLAYABLE[model] : undefined;
  if (!target) {
    console.error(model ? `rules 没有可重放的读模型 “${model}”。\n${usage()}` : usage());
    process.exit(2);
  }
  const result = await target.run();
  process.stdout.write(`${JSON.stringify({ app: 'rules', readModel: model, ...result })}\n`);
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(`[replay] 重放失败，应用仍使用原读模型: ${(e as Error).stack ?? String(e)}`);
    process.exit(1);
  },
);
