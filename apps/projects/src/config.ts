import { z } from 'zod';
import { baseConfigSchema } from '@lib/service-kit';

export const projectsConfigSchema = baseConfigSchema.extend({
  PORT: z.coerce.number().int().min(1).max(65535).default(3003),
  MONGO_DB: z.string().min(1).default('projects'),
  KAFKA_GROUP_ID: z.string().min(1).default('projects'),
  REDIS_URL: z.string().url().default('redis://127.0.0.1:6379'),
  /** Prefix of BullMQ keys in Redis (isolates environments and test runs). */
  QUEUE_PREFIX: z
    .string()
    .regex(/^[a-zA-Z0-9._-]+$/)
    .default('fangfanpin'),
  /** The calendar dates (due dates, "today", years) are those of this time zone. */
  PROJECTS_TIMEZONE: z.string().min(1).default('Asia/Shanghai'),
  /** An active project with no sale for this many months is reported (产品滞销). */
  PROJECTS_SALES_STALLED_MONTHS: z.coerce.number().int().min(1).max(36).default(3),
  /** A beneficiary is reported as without benefit this year once this many days of the year (or of its link) passed. */
  PROJECTS_BENEFIT_GRACE_DAYS: z.coerce.number().int().min(0).max(366).default(90),
  /** How often the progress check runs (one job per interval whatever the number of instances); 0: never (on demand only). */
  PROJECTS_CHECK_EVERY_MS: z.coerce
    .number()
    .int()
    .min(0)
    .max(7 * 86_400_000)
    .default(3_600_000),
});
export type ProjectsConfig = z.infer<typeof projectsConfigSchema>;
export const PROJECTS_CONFIG = Symbol('PROJECTS_CONFIG');
