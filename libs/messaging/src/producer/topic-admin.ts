import { Admin, ConfigResourceTypes, Kafka } from 'kafkajs';

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
              topics: missing.map((topic) => ({
                topic,
                numPartitions: partitions,
                replicationFactor: -1,
                configEntries: topicConfigOf(topic),
              })),
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
        if (ready) {
          await keepWithoutLimit(admin, wanted);
          return;
        }
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

/**
 * Retention (issue #17, replay): every read model is rebuilt from the topics, so a domain topic keeps
 * every event (`retention.ms=-1`). Not compaction: a consumer's state folds all of a key's events
 * (yearly sums of bills, monthly series, occurrences), which the newest record per key cannot give back.
 * Dead-letter topics keep the broker's default. See docs/architecture.md (Replay).
 */
export const DOMAIN_TOPIC_RETENTION_MS = '-1';

const isDeadLetter = (topic: string) => topic.endsWith('.dlq');

/** The configuration a topic is created with. */
export function topicConfigOf(topic: string): Array<{ name: string; value: string }> {
  return isDeadLetter(topic) ? [] : [{ name: 'retention.ms', value: DOMAIN_TOPIC_RETENTION_MS }];
}

/**
 * Domain topics created before with a time limit (the broker's default) keep every event from now on.
 * kafkajs' alterConfigs replaces a topic's dynamic configuration: the topic's other dynamic entries
 * are written back with it.
 */
async function keepWithoutLimit(admin: Admin, topics: string[]): Promise<void> {
  const domain = topics.filter((t) => !isDeadLetter(t));
  if (domain.length === 0) return;
  const { resources } = await admin.describeConfigs({
    includeSynonyms: false,
    resources: domain.map((name) => ({ type: ConfigResourceTypes.TOPIC, name })),
  });
  const DYNAMIC_TOPIC_CONFIG = 1;
  const limited = resources.filter((r) =>
    r.configEntries.some((c) => c.configName === 'retention.ms' && c.configValue !== DOMAIN_TOPIC_RETENTION_MS),
  );
  if (limited.length === 0) return;
  await admin.alterConfigs({
    validateOnly: false,
    resources: limited.map((r) => ({
      type: ConfigResourceTypes.TOPIC,
      name: r.resourceName,
      configEntries: [
        ...r.configEntries
          .filter((c) => c.configSource === DYNAMIC_TOPIC_CONFIG && c.configName !== 'retention.ms' && !c.isSensitive)
          .map((c) => ({ name: c.configName, value: c.configValue })),
        { name: 'retention.ms', value: DOMAIN_TOPIC_RETENTION_MS },
      ],
    })),
  });
}
