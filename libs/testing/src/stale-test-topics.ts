import '../../messaging/src/kafkajs-request-queue';
import { Kafka, logLevel } from 'kafkajs';
import { infra } from './infra';

/** How old a test run's topics must be before a later run removes them (no run lasts this long). */
export const STALE_AFTER_MS = 6 * 60 * 60 * 1000;

/**
 * The run that made a topic, from its name: `<label><time in base 36><4 hex>.<topic>` as uniqueRunId
 * builds it; null for every other topic (the platform's own, the demo's, Kafka's internal ones).
 */
export function runStartedAt(topic: string): number | null {
  const prefix = topic.split('.')[0];
  const m = /^[a-z][a-z0-9-]*([0-9a-z]{8})[0-9a-f]{4}$/.exec(prefix);
  if (!m || prefix === topic) return null;
  const started = parseInt(m[1], 36);
  // a plausible run time (2020 … a day ahead), not a word that happens to look like one
  return started > Date.UTC(2020, 0, 1) && started < Date.now() + 86_400_000 ? started : null;
}

/**
 * Deletes the topics test runs left behind more than STALE_AFTER_MS ago. Every run makes its own topics
 * (3 partitions each); on a developer's machine they pile up over weeks until the broker runs out of heap.
 * Returns how many were deleted.
 */
export async function deleteStaleTestTopics(now = Date.now()): Promise<number> {
  const kafka = new Kafka({
    brokers: infra.kafkaBrokers,
    clientId: 'test-topic-janitor',
    logLevel: logLevel.NOTHING,
  });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const stale = (await admin.listTopics()).filter((t) => {
      const started = runStartedAt(t);
      return started !== null && now - started > STALE_AFTER_MS;
    });
    for (let i = 0; i < stale.length; i += 200)
      await admin.deleteTopics({ topics: stale.slice(i, i + 200), timeout: 60_000 });
    return stale.length;
  } finally {
    await admin.disconnect();
  }
}
