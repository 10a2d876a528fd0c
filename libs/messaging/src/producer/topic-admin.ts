import { Kafka } from 'kafkajs';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Creates topics that do not exist yet (brokers run with auto.create.topics.enable=false) and waits
 * until every partition has a leader. Several apps start at once and create the same topics, so
 * "already exists" is success and a topic another app has just created may briefly answer
 * "unknown topic or partition" or "leader not available": those are retried with backoff.
 */
export async function ensureTopics(
  kafka: Kafka,
  topics: string[],
  partitions: number,
  attempts = 20,
): Promise<void> {
  const wanted = [...new Set(topics)];
  if (wanted.length === 0) return; // (an empty list would make fetchTopicMetadata describe every topic)
  const admin = kafka.admin();
  await admin.connect();
  try {
    let lastError: unknown = null;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      try {
        const existing = new Set(await admin.listTopics());
        const missing = wanted.filter((t) => !existing.has(t));
        if (missing.length > 0) {
          await admin
            .createTopics({
              waitForLeaders: false,
              topics: missing.map((topic) => ({ topic, numPartitions: partitions, replicationFactor: -1 })),
            })
            .catch((e: { type?: string; errors?: Array<{ type?: string }> }) => {
              const onlyExists =
                e.type === 'TOPIC_ALREADY_EXISTS' ||
                (Array.isArray(e.errors) && e.errors.every((x) => x.type === 'TOPIC_ALREADY_EXISTS'));
              if (!onlyExists) throw e;
            });
        }
        const { topics: metadata } = await admin.fetchTopicMetadata({ topics: wanted });
        const ready =
          wanted.every((w) => metadata.some((t) => t.name === w)) &&
          metadata.every((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0));
        if (ready) return;
        lastError = new Error('topics have partitions without a leader yet');
      } catch (e) {
        lastError = e;
      }
      await sleep(Math.min(2_000, 100 * 2 ** (attempt - 1)));
    }
    throw lastError;
  } finally {
    await admin.disconnect();
  }
}
