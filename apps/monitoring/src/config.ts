import { z } from 'zod';
import { DEV_PII_HASH_KEY } from '@lib/crypto';
import { baseConfigSchema } from '@lib/service-kit';

export const monitoringConfigSchema = baseConfigSchema
  .extend({
    PORT: z.coerce.number().int().min(1).max(65535).default(3002),
    MONGO_DB: z.string().min(1).default('monitoring'),
    KAFKA_GROUP_ID: z.string().min(1).default('monitoring'),
    /** 走访覆盖: unsurveyed households of the current month are due until the end of this day (China time), overdue after. */
    SURVEY_DUE_DAY: z.coerce
      .number()
      .int('must be a whole day of the month')
      .min(1, 'must be 1–28 (a day every month has)')
      .max(28, 'must be 1–28 (a day every month has)')
      .default(25),
    /**
     * HMAC-SHA256 key of ID-number hashes: the SAME value as the households app's PII_HASH_KEY, so a
     * department fact's ID number finds the member. Production refuses the development default
     * (checked by the department-facts module at start).
     */
    PII_HASH_KEY: z.string().min(16, 'must be at least 16 characters').default(DEV_PII_HASH_KEY),
  })
  .superRefine((c, ctx) => {
    if (c.NODE_ENV === 'production' && c.PII_HASH_KEY === DEV_PII_HASH_KEY)
      ctx.addIssue({
        code: 'custom',
        path: ['PII_HASH_KEY'],
        message: "production needs its own key (the households app's PII_HASH_KEY)",
      });
  });
export type MonitoringConfig = z.infer<typeof monitoringConfigSchema>;
