import { MongoClient } from 'mongodb';
import type { Kafka } from 'kafkajs';
import type { AppReplayOptions } from './replay-read-model';

/** One read model an app can rebuild, and how (the run answers the figures printed as JSON). */
export interface ReplayableReadModel {
  title: string;
  run: (log: (line: string) => void) => Promise<object>;
}

/**
 * The body of an app's `replay/main.ts` (`npm run replay -- <app> <read-model>`, scripts/replay.sh):
 * runs the read model named by the first argument, prints one JSON line with the figures last, and
 * exits 0 once the app reads the rebuilt model; 1 on failure (the app keeps the previous one); 2 for
 * an unknown read model (the usage lists the app's replayable ones).
 */
export function runReplayCommand(app: string, replayable: Record<string, ReplayableReadModel>): void {
  const log = (line: string) => console.error(`[replay] ${line}`);
  const usage = () => {
    const lines = Object.entries(replayable).map(
      ([m, { title }]) => `  npm run replay -- ${app} ${m}    ${title}`,
    );
    return `用法 / usage: npm run replay -- <app> <read-model>\n${lines.join('\n')}`;
  };
  const main = async () => {
    const model = process.argv[2];
    const target = model ? replayable[model] : undefined;
    if (!target) {
      console.error(model ? `${app} 没有可重放的读模型 “${model}”。\n${usage()}` : usage());
      process.exit(2);
    }
    const result = await target.run(log);
    process.stdout.write(`${JSON.stringify({ app, readModel: model, ...result })}\n`);
  };
  main().then(
    () => process.exit(0),
    (e: unknown) => {
      console.error(`[replay] 重放失败，应用仍使用原读模型: ${(e as Error).stack ?? String(e)}`);
      process.exit(1);
    },
  );
}

/** What an app's replay needs of its configuration (the app's own environment). */
export interface AppReplayConfig {
  MONGO_URL: string;
  MONGO_DB: string;
  KAFKA_TOPIC_PREFIX: string;
  KAFKA_GROUP_ID: string;
}

/**
 * Runs `replay` against the app's database and Kafka, with the app's live consumer group
 * (`<prefix><group>`), and closes the database connection after.
 */
export async function withAppReplay<R>(
  config: AppReplayConfig,
  kafka: Kafka,
  log: (line: string) => void,
  replay: (o: AppReplayOptions) => Promise<R>,
): Promise<R> {
  const mongo = await MongoClient.connect(config.MONGO_URL);
  try {
    return await replay({
      db: mongo.db(config.MONGO_DB),
      kafka,
      topicPrefix: config.KAFKA_TOPIC_PREFIX,
      liveGroup: `${config.KAFKA_TOPIC_PREFIX}${config.KAFKA_GROUP_ID}`,
      log,
    });
  } finally {
    await mongo.close();
  }
}
