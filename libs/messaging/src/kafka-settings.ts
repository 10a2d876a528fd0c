import { Logger } from '@nestjs/common';
import { Kafka, logLevel, LogEntry } from 'kafkajs';

// We use the default (Java-compatible murmur2) partitioner on purpose; no need to warn about it.
process.env.KAFKAJS_NO_PARTITIONER_WARNING ??= '1';

export interface KafkaSettings {
  brokers: string[];
  clientId: string;
  /** Prepended to every topic name, so test runs and environments can share a broker. */
  topicPrefix: string;
  /** Partitions of topics this app creates (and of their dead-letter topics). */
  partitions: number;
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

export function createKafkaClient(settings: KafkaSettings, clientSuffix = ''): Kafka {
  return new Kafka({
    clientId: `${settings.clientId}${clientSuffix}`,
    brokers: settings.brokers,
    logLevel: logLevel.WARN,
    logCreator,
    retry: { initialRetryTime: 200, retries: 8, maxRetryTime: 5_000 },
    connectionTimeout: 3_000,
  });
}
