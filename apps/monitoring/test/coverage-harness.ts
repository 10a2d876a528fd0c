import { randomUUID } from 'node:crypto';
import { Principal, Role } from '@lib/auth';
import { orgUnitsOfVillage, Topics } from '@lib/contracts';
import { AppProcess, devToken, householdRegistered, infra, KafkaProbe, uniqueRunId } from '@lib/testing';

/** The demo town (county 621299, town 621299101, villages …201 to …205). */
export const DEMO_TOWN = '621299101';
export const DEMO_VILLAGES = ['621299101201', '621299101202', '621299101203', '621299101204', '621299101205'];

/**
 * The monitoring app as its own process against the real Kafka and FerretDB, isolated per run
 * (topic prefix, database). Households enter it as household.registered.v1 records produced straight
 * to the households topic, as the households app would publish them.
 */
export class MonitoringHarness {
  readonly runId = uniqueRunId('mc');
  readonly prefix = `${this.runId}.`;
  readonly database = `${this.runId}_monitoring`;
  readonly kafka = new KafkaProbe();
  app!: AppProcess;

  topic(base: string) {
    return `${this.prefix}${base}`;
  }

  get groupId() {
    return `${this.prefix}monitoring`;
  }

  async start(env: Record<string, string> = {}): Promise<this> {
    this.app = await AppProcess.create('monitoring', this.runId, {
      KAFKA_BROKERS: infra.kafkaBrokers.join(','),
      KAFKA_TOPIC_PREFIX: this.prefix,
      KAFKA_PARTITIONS: '3',
      MONGO_URL: infra.mongoUrl,
      MONGO_DB: this.database,
      ...env,
    });
    await this.app.start();
    return this;
  }

  async stop() {
    await this.app?.stop();
    await this.kafka.close();
  }

  /** The app's environment for `npm run replay -- monitoring <read-model>` (runReplay). */
  replayEnv(): Record<string, string> {
    return {
      KAFKA_BROKERS: infra.kafkaBrokers.join(','),
      KAFKA_TOPIC_PREFIX: this.prefix,
      MONGO_URL: infra.mongoUrl,
      MONGO_DB: this.database,
    };
  }

  /** A token for a person holding one role at one org unit (as the gateway would issue it). */
  tokenOf(role: Role, unit: string, sub = `user:${role}:${unit}`) {
    const principal: Omit<Principal, 'jti'> = { sub, kind: 'user', name: sub, grants: [{ role, unit }] };
    return devToken(principal);
  }

  /** Produces household.registered.v1 records (in chunks) and returns the household ids. */
  async registerHouseholds(
    households: Array<{
      villageCode: string;
      householdNumber: string;
      registeredAt: string;
      householdId?: string;
      idNumberHashes?: string[];
    }>,
  ): Promise<string[]> {
    const ids: string[] = [];
    const records = households.map((h) => {
      const householdId = h.householdId ?? randomUUID();
      ids.push(householdId);
      const units = orgUnitsOfVillage(h.villageCode);
      // four members at least: the surveys' 常住人口 may not exceed them
      const hashes = h.idNumberHashes ?? [];
      const slots = [...hashes, ...Array<undefined>(Math.max(0, 4 - hashes.length)).fill(undefined)];
      const event = householdRegistered({
        householdId,
        householdNumber: h.householdNumber,
        ...units,
        memberCount: slots.length,
        members: slots.map((hash, i) => ({
          memberId: `${householdId}-m${i + 1}`,
          relation: i === 0 ? ('head' as const) : ('child' as const),
          sex: 'male' as const,
          birthDate: '1970-01-01',
          ...(hash ? { idNumberHash: hash } : {}),
        })),
        registeredAt: h.registeredAt,
      });
      return { key: householdId, value: JSON.stringify(event) };
    });
    for (let i = 0; i < records.length; i += 500)
      await this.kafka.send(this.topic(Topics.households), records.slice(i, i + 500));
    return ids;
  }
}

/** Runs tasks with at most `limit` at once. */
export async function withConcurrency<T>(items: T[], limit: number, task: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) await task(items[next++]);
    }),
  );
}
