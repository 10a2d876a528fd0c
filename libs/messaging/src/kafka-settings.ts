import { Logger } from '@nestjs/common';
import type { ConnectionOptions } from 'node:tls';
import './kafkajs-request-queue';
import { Kafka, logLevel, LogEntry, RetryOptions, SASLOptions } from 'kafkajs';

// We use the default (Java-compatible murmur2) partitioner on purpose; no need to warn about it.
process.env.KAFKAJS_NO_PARTITIONER_WARNING ??= '1';

export interface KafkaSettings {
  brokers: string[];
  clientId: string;
  /** Prepended to every topic name, so test runs and environments can share a broker. */
  topicPrefix: string;
  /** Partitions of topics this app creates (and of their dead-letter topics). */
  partitions: number;
  /** TLS to the brokers (true: Node's CA store) and SASL authentication; none: plaintext (kafka-connection.ts). */
  ssl?: ConnectionOptions | true;
  sasl?: SASLOptions;
  /**
   * This process's stable name among the app's instances (pod name, container host name, host and port):
   * names the consumer group that follows token revocations (libs/auth revocations.ts).
   */
  instanceId?: string;
}

export function topicName(settings: Pick<KafkaSettings, 'topicPrefix'>, base: string): string {
  return `${settings.topicPrefix}${base}`;
}

export function baseTopicName(settings: Pick<KafkaSettings, 'topicPrefix'>, topic: string): string {
  return topic.startsWith(settings.topicPrefix) ? topic.slice(settings.topicPrefix.length) : topic;
}

const kafkaLogger = new Logger('kafkajs');

/** kafkajs logs through Nest's logger (and so through pino as JSON). */
function logCreator() {
  return ({ level, log }: LogEntry) => {
    const { message, ...extra } = log;
    const line = `${message} ${JSON.stringify(extra)}`;
    if (level === logLevel.ERROR) kafkaLogger.error(line);
    else if (level === logLevel.WARN) kafkaLogger.warn(line);
    else kafkaLogger.debug(line);
  };
}

/**
 * How kafkajs retries a request while the broker is away: every second at most (a broker back is seen
 * within a second), about 18 s in all before the caller hears of the failure (the outbox then backs off).
 */
export const KAFKA_RETRY: RetryOptions = { initialRetryTime: 200, maxRetryTime: 1_000, retries: 20 };

/**
 * A consumer's: the same pace, for about two minutes. A consumer whose retries run out crashes and
 * kafkajs restarts it as a new member of its group, and the coordinator then waits for the old member's
 * session to expire before it hands out any partition (issue 22: alerts resumed ~30 s, one session
 * timeout, after a broker restart). A consumer that keeps retrying keeps its member id and resumes at once.
 */
export const KAFKA_CONSUMER_RETRY: RetryOptions = {
  initialRetryTime: 200,
  maxRetryTime: 1_000,
  retries: 120,
};

export function createKafkaClient(settings: KafkaSettings, clientSuffix = '', retry = KAFKA_RETRY): Kafka {
  return new Kafka({
    clientId: `${settings.clientId}${clientSuffix}`,
    brokers: settings.brokers,
    ...(settings.ssl ? { ssl: settings.ssl } : {}),
    ...(settings.sasl ? { sasl: settings.sasl } : {}),
    logLevel: logLevel.WARN,
    logCreator,
    retry,
    connectionTimeout: 3_000,
  });
}
