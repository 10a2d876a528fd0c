import { z } from 'zod';
import { baseConfigSchema } from '@lib/service-kit';
import { dingTalkKey } from '@lib/crypto';
import { parseSecrets } from './integrations/integration-clients';

export const supervisionConfigSchema = baseConfigSchema
  .extend({
    PORT: z.coerce.number().int().min(1).max(65535).default(3004),
    MONGO_DB: z.string().min(1).default('supervision'),
    KAFKA_GROUP_ID: z.string().min(1).default('supervision'),
    REDIS_URL: z.string().url().default('redis://127.0.0.1:6379'),
    /** Prefix of Redis keys (nonces), isolating environments and test runs. */
    REDIS_PREFIX: z
      .string()
      .regex(/^[a-zA-Z0-9._:-]*$/)
      .default('supervision:'),
    /** DingTalk callback (事件订阅): token, EncodingAESKey and the owner key (app key / corp id). Empty: off. */
    DINGTALK_TOKEN: z.string().default(''),
    DINGTALK_AES_KEY: z
      .string()
      .default('')
      .refine((k) => {
        if (k === '') return true;
        try {
          dingTalkKey(k);
          return true;
        } catch {
          return false;
        }
      }, 'must be 43 base64 characters (the app’s EncodingAESKey)'),
    DINGTALK_OWNER_KEY: z.string().default(''),
    /** How often missing days are closed (日结) automatically; 0: only via POST /api/v1/attendance/close. */
    ATTENDANCE_CLOSE_INTERVAL_MS: z.coerce.number().int().min(0).default(3_600_000),
    /**
     * Signed JSON endpoint: "clientId:secret@orgUnit,…", each client bound to one org unit (moves to
     * the gateway's integration keys later).
     */
    INTEGRATION_SECRETS: z
      .string()
      .default('')
      .refine((s) => {
        try {
          parseSecrets(s);
          return true;
        } catch {
          return false;
        }
      }, 'must be a comma-separated list of clientId:secret@orgUnit'),
  })
  .superRefine((c, ctx) => {
    const dingtalk = [c.DINGTALK_TOKEN, c.DINGTALK_AES_KEY, c.DINGTALK_OWNER_KEY].filter((v) => v !== '');
    if (dingtalk.length !== 0 && dingtalk.length !== 3)
      ctx.addIssue({
        code: 'custom',
        path: ['DINGTALK_OWNER_KEY'],
        message: 'DINGTALK_TOKEN, DINGTALK_AES_KEY and DINGTALK_OWNER_KEY go together (all or none)',
      });
  });
export type SupervisionConfig = z.infer<typeof supervisionConfigSchema>;
