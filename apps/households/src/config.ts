import { z } from 'zod';
import { DEV_PII_HASH_KEY, keyRingSetting } from '@lib/crypto';
import { baseConfigSchema } from '@lib/service-kit';

/** Development-only keys: production must set its own (checked below). */
const DEV_PII_KEYS = 'dev1:ZGV2LXBpaS1rZXktMDAwMDAwMDAwMDAwMDAwMDAwMDA=';

/** "keyId:base64(32 bytes)" pairs, comma separated; old keys stay listed so old ciphertexts stay readable. */
const piiKeys = keyRingSetting;

export const householdsConfigSchema = baseConfigSchema
  .extend({
    PORT: z.coerce.number().int().min(1).max(65535).default(3001),
    MONGO_DB: z.string().min(1).default('households'),
    /** Consumer group of the read models kept from monitoring.events.v1 (recorded income, lines). */
    KAFKA_GROUP_ID: z.string().min(1).default('households'),
    /** AES-256-GCM keys for ID numbers and phones at rest. */
    PII_KEYS: piiKeys.prefault(DEV_PII_KEYS),
    /** The key new ciphertexts use; must be one of PII_KEYS. Default: the first. */
    PII_ACTIVE_KEY_ID: z.string().optional(),
    /** HMAC-SHA256 key of idNumberHash (shared with the monitoring app, which matches by it). */
    PII_HASH_KEY: z.string().min(16).default(DEV_PII_HASH_KEY),
  })
  .superRefine((c, ctx) => {
    const active = c.PII_ACTIVE_KEY_ID ?? [...c.PII_KEYS.keys()][0];
    if (!c.PII_KEYS.has(active))
      ctx.addIssue({ code: 'custom', path: ['PII_ACTIVE_KEY_ID'], message: 'must be one of PII_KEYS' });
    if (c.NODE_ENV === 'production' && (c.PII_KEYS.has('dev1') || c.PII_HASH_KEY === DEV_PII_HASH_KEY))
      ctx.addIssue({ code: 'custom', path: ['PII_KEYS'], message: 'production needs its own PII keys' });
  });
export type HouseholdsConfig = z.infer<typeof householdsConfigSchema>;
