import { z } from 'zod';
import { baseConfigSchema } from '@lib/service-kit';

export const rulesConfigSchema = baseConfigSchema.extend({
  PORT: z.coerce.number().int().min(1).max(65535).default(3005),
  MONGO_DB: z.string().min(1).default('rules'),
  KAFKA_GROUP_ID: z.string().min(1).default('rules'),
  /** How often each instance checks whether today's time-based pass has run (0: only on request). */
  RULES_SCHEDULE_INTERVAL_MS: z.coerce.number().int().min(0).default(3_600_000),
});
export type RulesConfig = z.infer<typeof rulesConfigSchema>;
