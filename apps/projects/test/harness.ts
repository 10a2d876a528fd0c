import { randomUUID } from 'node:crypto';
import { orgUnitsOfVillage, Topics } from '@lib/contracts';
import { AppProcess, householdRegistered, infra, KafkaProbe, uniqueRunId } from '@lib/testing';

export interface SeenEvent {
  key: string;
  value: {
    id: string;
    type: string;
    subject: string;
    townid?: string;
    villageid?: string;
    data: Record<string, unknown>;
  };
}

/** The projects app as its own process against the real Kafka, FerretDB and Redis, isolated per run. */
export class ProjectsHarness {
  readonly runId = uniqueRunId('pj');
  readonly prefix = `${this.runId}.`;
  readonly database = `${this.runId}_projects`;
  readonly kafka = new KafkaProbe();
  readonly apps: AppProcess[] = [];

  env(extra: Record<string, string> = {}): Record<string, string> {
    return {
      KAFKA_BROKERS: infra.kafkaBrokers.join(','),
      KAFKA_TOPIC_PREFIX: this.prefix,
      KAFKA_PARTITIONS: '1',
      MONGO_URL: infra.mongoUrl,
      MONGO_DB: this.database,
      REDIS_URL: infra.redisUrl,
      QUEUE_PREFIX: this.runId,
      PROJECTS_CHECK_EVERY_MS: '0',
      ...extra,
    };
  }

  /** Starts one more instance (same database, topics and queues). */
  async start(extra: Record<string, string> = {}): Promise<AppProcess> {
    const app = await AppProcess.create('projects', `${this.runId}-${this.apps.length}`, this.env(extra));
    this.apps.push(app);
    await app.start();
    return app;
  }

  /** A household registration as the households app publishes it. */
  async registerHousehold(villageCode: string, householdNumber: string): Promise<string> {
    const householdId = randomUUID();
    const e = householdRegistered({
      householdId,
      householdNumber,
      ...orgUnitsOfVillage(villageCode),
      memberCount: 3,
      members: [],
      registeredAt: new Date().toISOString(),
    });
    await this.kafka.send(`${this.prefix}${Topics.households}`, [
      { key: householdId, value: JSON.stringify(e) },
    ]);
    return householdId;
  }

  /** Every event now on the projects topic. */
  async projectEvents(): Promise<SeenEvent[]> {
    const records = await this.kafka.readAll(`${this.prefix}${Topics.projects}`);
    return records.map((r) => ({ key: r.key?.toString() ?? '', value: JSON.parse(r.value!.toString()) }));
  }

  async stop() {
    for (const app of this.apps) await app.stop();
    await this.kafka.close();
  }
}

/** A calendar date `days` from today (UTC+8, the town's calendar). */
export function day(days = 0): string {
  return new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
}
