import { z } from 'zod';
import { baseConfigSchema } from '@lib/service-kit';

export const householdsConfigSchema = baseConfigSchema.extend({
  PORT: z.coerce.number().int().min(1).max(65535).default(3001),
  MONGO_DB: z.string().min(1).default('households'),
});
export type HouseholdsConfig = z.infer<typeof householdsConfigSchema>;
