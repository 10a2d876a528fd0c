import { z } from 'zod';
import { baseConfigSchema } from '@lib/service-kit';

export const notifierConfigSchema = baseConfigSchema.extend({
  PORT: z.coerce.number().int().min(1).max(65535).default(3006),
  MONGO_DB: z.string().min(1).default('notifier'),
  KAFKA_GROUP_ID: z.string().min(1).default('notifier'),
  REDIS_URL: z.string().url().default('redis://127.0.0.1:6379'),
  /** Prefix of BullMQ keys in Redis (isolates environments and test runs). */
  QUEUE_PREFIX: z
    .string()
    .regex(/^[a-zA-Z0-9._-]+$/)
    .default('fangfanpin'),
  /** The generic webhook every alert goes to until per-org-unit channels exist (empty: none). */
  NOTIFIER_WEBHOOK_URL: z.union([z.string().url(), z.literal('')]).default(''),
  /** When set, each webhook POST carries X-Signature: HMAC-SHA256(timestamp + "\n" + body). */
  NOTIFIER_WEBHOOK_SECRET: z.string().default(''),
  DELIVERY_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
  DELIVERY_BACKOFF_MS: z.coerce.number().int().min(10).max(600_000).default(1_000),
  DELIVERY_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
  DELIVERY_CONCURRENCY: z.coerce.number().int().min(1).max(200).default(10),
});
export type NotifierConfig = z.infer<typeof notifierConfigSchema>;
