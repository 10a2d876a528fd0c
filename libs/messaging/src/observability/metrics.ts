import { Counter, Gauge, Histogram, register } from 'prom-client';

/**
 * The messaging metrics every app shares, in prom-client's default registry (served by each app's
 * /metrics, libs/service-kit/src/metrics.ts). Created once per process; getOrCreate keeps a second
 * import (tests) from registering twice.
 */
function getOrCreate<T>(name: string, make: () => T): T {
  return (register.getSingleMetric(name) as T | undefined) ?? make();
}

export const consumerMetrics = {
  batchSize: getOrCreate(
    'kafka_consumer_batch_size',
    () =>
      new Histogram({
        name: 'kafka_consumer_batch_size',
        help: 'Records in a partition batch handed to the consumer',
        labelNames: ['topic'],
        buckets: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000],
      }),
  ),
  batchDuration: getOrCreate(
    'kafka_consumer_batch_duration_seconds',
    () =>
      new Histogram({
        name: 'kafka_consumer_batch_duration_seconds',
        help: 'Time to process and commit one partition batch',
        labelNames: ['topic'],
        buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      }),
  ),
  events: getOrCreate(
    'kafka_consumer_events_total',
    () =>
      new Counter({
        name: 'kafka_consumer_events_total',
        help: 'Records consumed, by outcome (processed, skipped: no handler, dead_lettered)',
        labelNames: ['topic', 'outcome'],
      }),
  ),
  retries: getOrCreate(
    'kafka_consumer_retries_total',
    () =>
      new Counter({
        name: 'kafka_consumer_retries_total',
        help: 'Handler calls retried after an error',
        labelNames: ['topic'],
      }),
  ),
  deadLetters: getOrCreate(
    'kafka_consumer_dead_letters_total',
    () =>
      new Counter({
        name: 'kafka_consumer_dead_letters_total',
        help: 'Records sent to the dead-letter topic',
        labelNames: ['topic'],
      }),
  ),
};

export const outboxMetrics = {
  published: getOrCreate(
    'outbox_published_total',
    () => new Counter({ name: 'outbox_published_total', help: 'Outbox records published to Kafka' }),
  ),
  relayFailures: getOrCreate(
    'outbox_relay_failures_total',
    () =>
      new Counter({
        name: 'outbox_relay_failures_total',
        help: 'Outbox relay passes that failed (Kafka or the database away); retried with backoff',
      }),
  ),
};

/** A gauge whose value is read when scraped (bounded by a timeout so a scrape never hangs). */
export function scrapedGauge(
  name: string,
  help: string,
  labelNames: string[],
  collect: (set: (labels: Record<string, string | number>, value: number) => void) => Promise<void>,
): Gauge {
  const existing = register.getSingleMetric(name);
  if (existing) register.removeSingleMetric(name);
  return new Gauge({
    name,
    help,
    labelNames,
    async collect() {
      this.reset();
      await withTimeout(
        collect((labels, value) => this.set(labels, value)),
        2_000,
        name,
      ).catch(() => undefined);
    },
  });
}

export const withTimeout = <T>(p: Promise<T>, ms: number, what: string) => {
  let timer: NodeJS.Timeout;
  return Promise.race([
    p,
    new Promise<never>((_, rej) => {
      timer = setTimeout(() => rej(new Error(`${what} timed out`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
};
