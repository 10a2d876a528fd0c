import { randomBytes } from 'node:crypto';
import * as path from 'node:path';

/** Where the local infrastructure listens (deploy/local/infra.sh; same variables as the apps). */
export const infra = {
  kafkaBrokers: (process.env.KAFKA_BROKERS ?? `127.0.0.1:${process.env.KAFKA_PORT ?? 9092}`).split(','),
  mongoUrl: process.env.MONGO_URL ?? `mongodb://127.0.0.1:${process.env.MONGO_PORT ?? 27017}`,
  redisUrl: process.env.REDIS_URL ?? `redis://127.0.0.1:${process.env.REDIS_PORT ?? 6379}`,
};

export const repoRoot = path.resolve(__dirname, '../../..');

/** A short unique name for one test run: topic prefix, database names and queue prefix derive from it. */
export function uniqueRunId(label: string): string {
  return `${label}${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
}
