import { z } from 'zod';
import { keyRingSetting } from '@lib/crypto';
import { baseConfigSchema } from '@lib/service-kit';

/** Development-only key: production must set its own (checked below). */
const DEV_PII_KEYS = 'dev1:ZGV2LXBpaS1rZXktMDAwMDAwMDAwMDAwMDAwMDAwMDA=';
const DEV_PHONE_HASH_KEY = 'dev-requests-phone-hash-key';

export const requestsConfigSchema = baseConfigSchema
  .extend({
    PORT: z.coerce.number().int().min(1).max(65535).default(3007),
    MONGO_DB: z.string().min(1).default('requests'),
    KAFKA_GROUP_ID: z.string().min(1).default('requests'),
    REDIS_URL: z.string().url().default('redis://127.0.0.1:6379'),
    /** Prefix of the Redis keys (SMS codes, rate counters): isolates environments and test runs. */
    QUEUE_PREFIX: z
      .string()
      .regex(/^[a-zA-Z0-9._-]+$/)
      .default('fangfanpin'),
    /** AES-256-GCM keys sealing residents' phones at rest ("keyId:base64", comma separated). */
    REQUESTS_PII_KEYS: keyRingSetting.prefault(DEV_PII_KEYS),
    REQUESTS_PII_ACTIVE_KEY_ID: z.string().optional(),
    /** HMAC key of the phone hash (rate limits and code lookups without the number in clear). */
    REQUESTS_PHONE_HASH_KEY: z.string().min(16).default(DEV_PHONE_HASH_KEY),
    /** The SMS gateway the notifier sends through (same protocol: template id, HMAC signature). */
    REQUESTS_SMS_GATEWAY_URL: z.union([z.url(), z.literal('')]).default(''),
    REQUESTS_SMS_APP_KEY: z.string().default(''),
    REQUESTS_SMS_SECRET: z.string().default(''),
    /** The carrier-approved template of the verification code (params: code, minutes). */
    REQUESTS_SMS_TEMPLATE_ID: z.string().default('SMS_VERIFY_CODE'),
    REQUESTS_SMS_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5000),
    /** How long a code is valid. */
    REQUESTS_SMS_CODE_TTL_SECONDS: z.coerce.number().int().min(30).max(3600).default(300),
    /** Wrong tries before a code is void. */
    REQUESTS_SMS_CODE_MAX_TRIES: z.coerce.number().int().min(1).max(20).default(5),
    /** Seconds between two codes to one phone (0: no wait). */
    REQUESTS_SMS_COOLDOWN_SECONDS: z.coerce.number().int().min(0).max(3600).default(60),
    REQUESTS_SMS_PER_PHONE_PER_HOUR: z.coerce.number().int().min(1).max(1000).default(5),
    REQUESTS_SMS_PER_IP_PER_HOUR: z.coerce.number().int().min(1).max(100_000).default(30),
    /** Requests one phone may file through the public form per day. */
    REQUESTS_SUBMISSIONS_PER_PHONE_PER_DAY: z.coerce.number().int().min(1).max(1000).default(3),
    /** Addresses whose X-Forwarded-For names the caller (the gateway), comma separated. */
    REQUESTS_TRUSTED_PROXIES: z.string().default('127.0.0.1,::1,::ffff:127.0.0.1'),
    /** How often open requests are checked against their deadlines (0: never). */
    REQUESTS_DEADLINE_CHECK_EVERY_MS: z.coerce.number().int().min(0).max(86_400_000).default(60_000),
    /** The length of a deadline day in ms (86400000; shorter only for drills and tests). */
    REQUESTS_DAY_MS: z.coerce.number().int().min(100).max(86_400_000).default(86_400_000),
  })
  .superRefine((c, ctx) => {
    const active = c.REQUESTS_PII_ACTIVE_KEY_ID ?? [...c.REQUESTS_PII_KEYS.keys()][0];
    if (!c.REQUESTS_PII_KEYS.has(active))
      ctx.addIssue({
        code: 'custom',
        path: ['REQUESTS_PII_ACTIVE_KEY_ID'],
        message: 'must be one of REQUESTS_PII_KEYS',
      });
    if (
      c.NODE_ENV === 'production' &&
      (c.REQUESTS_PII_KEYS.has('dev1') || c.REQUESTS_PHONE_HASH_KEY === DEV_PHONE_HASH_KEY)
    )
      ctx.addIssue({
        code: 'custom',
        path: ['REQUESTS_PII_KEYS'],
        message: 'production needs its own PII keys',
      });
    if (c.NODE_ENV === 'production' && c.REQUESTS_DAY_MS !== 86_400_000)
      ctx.addIssue({
        code: 'custom',
        path: ['REQUESTS_DAY_MS'],
        message: 'a day is 86400000 ms in production',
      });
  });
export type RequestsConfig = z.infer<typeof requestsConfigSchema>;
export const REQUESTS_CONFIG = Symbol('REQUESTS_CONFIG');
