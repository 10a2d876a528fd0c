import { AppProcess, infra, KafkaProbe, uniqueRunId } from '@lib/testing';

/** The households app as its own process against the real Kafka, FerretDB and Redis, isolated per run. */
export class HouseholdsHarness {
  readonly runId = uniqueRunId('hh');
  readonly prefix = `${this.runId}.`;
  readonly database = `${this.runId}_households`;
  readonly kafka = new KafkaProbe();
  app!: AppProcess;

  async start(env: Record<string, string> = {}): Promise<this> {
    this.app = await AppProcess.create('households', this.runId, {
      KAFKA_BROKERS: infra.kafkaBrokers.join(','),
      KAFKA_TOPIC_PREFIX: this.prefix,
      KAFKA_PARTITIONS: '1',
      MONGO_URL: infra.mongoUrl,
      MONGO_DB: this.database,
      REDIS_URL: infra.redisUrl,
      ...env,
    });
    await this.app.start();
    return this;
  }

  async stop() {
    await this.app?.stop();
    await this.kafka.close();
  }
}
