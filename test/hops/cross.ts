import { EventCatalog } from '@lib/contracts';
import { KafkaProbe } from '@lib/testing';

/**
 * Proves at run time that a test crossed one hop: the producer app itself published an event of `type`
 * (its `source`), and the consumer app's group has read the topic to its end. test/hops/hop-coverage.spec.ts
 * finds these calls (literal arguments) and fails when a hop of the contracts has none.
 */
export async function crossesHop(
  producer: string,
  consumer: string,
  type: string,
  run: { kafka: KafkaProbe; prefix: string },
): Promise<void> {
  const def = EventCatalog[type];
  if (!def) throw new Error(`${type} is not in the contracts`);
  const topic = `${run.prefix}${def.topic}`;
  const records = await run.kafka.readAll(topic);
  const published = records
    .map((r) => JSON.parse(r.value?.toString() ?? 'null') as { type?: string; source?: string } | null)
    .filter((e) => e?.type === type && e.source === producer);
  if (published.length === 0) throw new Error(`no ${type} from ${producer} on ${topic}`);
  await run.kafka.waitForNoLag(`${run.prefix}${consumer}`, topic, 60_000);
}
