import { Kafka } from 'kafkajs';

/**
 * Creates topics that do not exist yet (brokers run with auto.create.topics.enable=false).
 * Safe to call from several apps at once: "already exists" is success.
 */
export async function ensureTopics(kafka: Kafka, topics: string[], partitions: number): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = [...new Set(topics)].filter((t) => !existing.has(t));
    if (missing.length === 0) return;
    try {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((topic) => ({ topic, numPartitions: partitions, replicationFactor: -1 })),
      });
    } catch (e) {
      // Another instance may have created some of them in between.
      const err = e as { type?: string; errors?: Array<{ type?: string }> };
      const onlyExists =
        err.type === 'TOPIC_ALREADY_EXISTS' ||
        (Array.isArray(err.errors) && err.errors.every((x) => x.type === 'TOPIC_ALREADY_EXISTS'));
      if (!onlyExists) throw e;
    }
    // Wait until metadata shows every topic with leaders, so producers and consumers can use them.
    await admin.fetchTopicMetadata({ topics: missing });
  } finally {
    await admin.disconnect();
  }
}
