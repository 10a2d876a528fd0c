import type { z } from 'zod';
import { createKafkaClient } from '@lib/messaging';
import { AppReplayOptions, withAppReplay } from '@lib/persistence';
import { BaseConfig, kafkaSettingsOf, loadConfig } from './config';

/** What a replay needs of an app's configuration beside the base: its database and consumer group. */
type ReplayableConfig = BaseConfig & { MONGO_DB: string; KAFKA_GROUP_ID: string };

/**
 * How an app's `replay/main.ts` runs a read model's replay: with the app's own configuration (read from
 * the environment and validated as the app does; handed to the replay too), its database and a Kafka
 * client of its own. `inApp(rulesConfigSchema, 'rules')(replaySubjects)` is a ReplayableReadModel's `run`.
 */
export function inApp<S extends z.ZodType<ReplayableConfig>>(schema: S, app: string) {
  return <R>(replay: (o: AppReplayOptions, config: z.infer<S>) => Promise<R>) =>
    (log: (line: string) => void): Promise<R> => {
      const config = loadConfig(schema);
      const kafka = createKafkaClient(kafkaSettingsOf(config, app), '-replay');
      return withAppReplay(config, kafka, log, (o) => replay(o, config));
    };
}
