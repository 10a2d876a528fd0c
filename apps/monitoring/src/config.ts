import { z } from 'zod';
import { baseConfigSchema } from '@lib/service-kit';

export const monitoringConfigSchema = baseConfigSchema.extend({
  PORT: z.coerce.number().int().min(1).max(65535).default(3002),
  MONGO_DB: z.string().min(1).default('monitoring'),
  KAFKA_GROUP_ID: z.string().min(1).default('monitoring'),
});
export type MonitoringConfig = z.infer<typeof monitoringConfigSchema>;
