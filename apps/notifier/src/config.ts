import { z } from 'zod';
import { baseConfigSchema } from '@lib/service-kit';

/** Dev-only key for channel secrets; refused in production. */
export const DEV_CHANNEL_SECRET_KEY = '6465762d6f6e6c792d6368616e6e656c2d7365637265742d6b65792d21212121';

export const notifierConfigSchema = baseConfigSchema
  .extend({
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
    /** Robot rate limit: at most ROBOT_RATE_LIMIT messages per robot in any ROBOT_RATE_WINDOW_MS. */
    ROBOT_RATE_LIMIT: z.coerce.number().int().min(1).max(1000).default(20),
    ROBOT_RATE_WINDOW_MS: z.coerce.number().int().min(100).max(3_600_000).default(60_000),
    /** How long a robot that answered errcode 130101/45009 is left alone. */
    ROBOT_BLOCK_MS: z.coerce.number().int().min(100).max(3_600_000).default(600_000),
    /** How long one worker may hold a robot while sending (a crashed holder's lock expires after it). */
    ROBOT_LOCK_MS: z.coerce.number().int().min(500).max(120_000).default(15_000),
    /** Largest robot digest (UTF-8 bytes of markdown; WeCom takes 4,096). */
    ROBOT_DIGEST_MAX_BYTES: z.coerce.number().int().min(500).max(20_000).default(3_800),
    /**
     * Escalation (升级提醒): an open alert nobody acknowledged within its rule's escalateAfterMinutes
     * is sent again one org level up (village → town → county). When an alert carries no time, the
     * default of its severity applies (0: such alerts are not escalated).
     */
    ESCALATION_DEFAULT_MINUTES_HIGH: z.coerce.number().int().min(0).max(525_600).default(120),
    ESCALATION_DEFAULT_MINUTES_MEDIUM: z.coerce.number().int().min(0).max(525_600).default(1_440),
    ESCALATION_DEFAULT_MINUTES_LOW: z.coerce.number().int().min(0).max(525_600).default(0),
    /** Further reminders at the county (the top) after its first escalation, one per interval; 0: stop. */
    ESCALATION_COUNTY_REPEATS: z.coerce.number().int().min(0).max(20).default(0),
    /** How long one escalation "minute" lasts in ms: 60000 in production, shorter for drills. */
    ESCALATION_MINUTE_MS: z.coerce.number().int().min(10).max(60_000).default(60_000),
    /**
     * The SMS gateway account that reaches people (a household's paired cadre, 帮扶责任人) on the
     * phone registered in their contact (api/v1/contacts); empty URL: person SMS are not sent.
     */
    NOTIFIER_SMS_GATEWAY_URL: z.union([z.string().url(), z.literal('')]).default(''),
    NOTIFIER_SMS_APP_KEY: z.string().default(''),
    NOTIFIER_SMS_SECRET: z.string().default(''),
    NOTIFIER_SMS_TEMPLATE_ID: z.string().default(''),
    /** SMTP account for person emails (smtp:// or smtps://; empty: person emails are not sent). */
    NOTIFIER_SMTP_URL: z
      .union([z.string().regex(/^smtps?:\/\//, 'must be an smtp:// URL'), z.literal('')])
      .default(''),
    NOTIFIER_MAIL_FROM: z.union([z.email(), z.literal('')]).default(''),
    /**
     * How often deliveries still pending are checked against their jobs (a job failed after
     * stalling twice, or lost from Redis, is re-queued); also once at start. 0: never.
     */
    STRANDED_SWEEP_INTERVAL_MS: z.coerce.number().int().min(0).max(86_400_000).default(60_000),
    /** AES-256-GCM key (64 hex digits) that seals channel URLs and secrets at rest. */
    CHANNEL_SECRET_KEY: z
      .string()
      .regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hex digits (a 256-bit key)')
      .default(DEV_CHANNEL_SECRET_KEY),
  })
  .superRefine((c, ctx) => {
    if (c.ROBOT_LOCK_MS <= c.DELIVERY_TIMEOUT_MS)
      ctx.addIssue({
        code: 'custom',
        path: ['ROBOT_LOCK_MS'],
        message: 'must be longer than DELIVERY_TIMEOUT_MS (a send must end while its sender holds the robot)',
      });
    if (c.NOTIFIER_SMS_GATEWAY_URL)
      for (const k of ['NOTIFIER_SMS_APP_KEY', 'NOTIFIER_SMS_SECRET', 'NOTIFIER_SMS_TEMPLATE_ID'] as const)
        if (!c[k])
          ctx.addIssue({ code: 'custom', path: [k], message: 'required with NOTIFIER_SMS_GATEWAY_URL' });
    if (c.NOTIFIER_SMTP_URL && !c.NOTIFIER_MAIL_FROM)
      ctx.addIssue({
        code: 'custom',
        path: ['NOTIFIER_MAIL_FROM'],
        message: 'required with NOTIFIER_SMTP_URL',
      });
    if (c.NODE_ENV === 'production' && c.CHANNEL_SECRET_KEY === DEV_CHANNEL_SECRET_KEY)
      ctx.addIssue({
        code: 'custom',
        path: ['CHANNEL_SECRET_KEY'],
        message: 'set a key of your own in production (e.g. openssl rand -hex 32)',
      });
  });
export type NotifierConfig = z.infer<typeof notifierConfigSchema>;
