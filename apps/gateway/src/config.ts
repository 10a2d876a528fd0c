import { z } from 'zod';
import { OrgUnit } from '@lib/auth';
import { keyRingSetting } from '@lib/crypto';
import { baseConfigSchema } from '@lib/service-kit';

/** Development-only key for integration secrets at rest: production must set its own (checked below). */
const DEV_GATEWAY_SECRET_KEYS = 'dev1:ZGV2LWdhdGV3YXktc2VjcmV0LWtleS0wMDAwMDAwMDA=';

const url = z.string().url();

export const gatewayConfigSchema = baseConfigSchema
  .extend({
    PORT: z.coerce.number().int().min(1).max(65535).default(8080),
    MONGO_DB: z.string().min(1).default('gateway'),
    REDIS_URL: z.string().url().default('redis://127.0.0.1:6379'),
    /** Prefix of the gateway's Redis keys (throttling, nonces, revoked tokens). */
    GATEWAY_REDIS_PREFIX: z
      .string()
      .regex(/^[a-zA-Z0-9._-]+$/)
      .default('gw'),
    /**
     * Ed25519 private key (PKCS#8 PEM) access tokens are signed with. Empty outside production: the dev
     * key pair in AUTH_DEV_KEY_FILE, generated on first start. Its public key is AUTH_JWT_PUBLIC_KEY.
     */
    AUTH_JWT_PRIVATE_KEY: z.string().default(''),
    ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(30).max(3600).default(900),
    REFRESH_TOKEN_TTL_SECONDS: z.coerce
      .number()
      .int()
      .min(300)
      .max(90 * 86_400)
      .default(14 * 86_400),
    LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
    LOGIN_LOCK_SECONDS: z.coerce.number().int().min(1).max(86_400).default(900),
    /** Requests per caller (user, integration or IP when anonymous) per minute through the proxy. */
    GATEWAY_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(600),
    /** How long an app may stay silent (no response yet, or mid-body) before the gateway answers 504. */
    PROXY_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(15_000),
    /**
     * Proxies in front of the gateway whose X-Forwarded-For names the caller's address (Express "trust
     * proxy": addresses, CIDRs or loopback/linklocal/uniquelocal, comma separated). Empty: the socket's
     * address. Rate limits of callers without credentials (public integrations) and audit entries use it.
     */
    GATEWAY_TRUST_PROXY: z.string().default(''),
    /** How often the route table is re-read from the apps' API descriptions (0: at start and on misses only). */
    GATEWAY_ROUTES_REFRESH_MS: z.coerce.number().int().min(0).default(30_000),
    HOUSEHOLDS_URL: url.default('http://127.0.0.1:3001'),
    MONITORING_URL: url.default('http://127.0.0.1:3002'),
    PROJECTS_URL: url.default('http://127.0.0.1:3003'),
    SUPERVISION_URL: url.default('http://127.0.0.1:3004'),
    RULES_URL: url.default('http://127.0.0.1:3005'),
    NOTIFIER_URL: url.default('http://127.0.0.1:3006'),
    REQUESTS_URL: url.default('http://127.0.0.1:3007'),
    /** A county administrator created at start when no user has this name (first install, demo). */
    GATEWAY_ADMIN_USERNAME: z.string().default(''),
    GATEWAY_ADMIN_PASSWORD: z.string().default(''),
    GATEWAY_ADMIN_UNIT: z.union([OrgUnit, z.literal('')]).default(''),
    /** AES-256-GCM keys (keyId:base64 of 32 bytes, comma separated) sealing integration clients' secrets at rest. */
    GATEWAY_SECRET_KEYS: keyRingSetting.prefault(DEV_GATEWAY_SECRET_KEYS),
    /** The key new secrets are sealed with; one of GATEWAY_SECRET_KEYS (default: the first). */
    GATEWAY_SECRET_ACTIVE_KEY_ID: z.string().optional(),
  })
  .superRefine((c, ctx) => {
    if (c.GATEWAY_SECRET_ACTIVE_KEY_ID && !c.GATEWAY_SECRET_KEYS.has(c.GATEWAY_SECRET_ACTIVE_KEY_ID))
      ctx.addIssue({
        code: 'custom',
        path: ['GATEWAY_SECRET_ACTIVE_KEY_ID'],
        message: 'must be one of GATEWAY_SECRET_KEYS',
      });
    if (c.NODE_ENV === 'production' && !c.AUTH_JWT_PRIVATE_KEY)
      ctx.addIssue({
        code: 'custom',
        path: ['AUTH_JWT_PRIVATE_KEY'],
        message: 'is required in production (node scripts/make-keys.mjs makes a key pair)',
      });
    if (c.NODE_ENV === 'production' && c.GATEWAY_SECRET_KEYS.has('dev1'))
      ctx.addIssue({
        code: 'custom',
        path: ['GATEWAY_SECRET_KEYS'],
        message: 'production needs its own key (e.g. k1:$(openssl rand -base64 32))',
      });
    if (!c.GATEWAY_ADMIN_USERNAME) return;
    if (c.GATEWAY_ADMIN_PASSWORD.length < 10)
      ctx.addIssue({
        code: 'custom',
        path: ['GATEWAY_ADMIN_PASSWORD'],
        message: 'needs at least 10 characters',
      });
    if (!c.GATEWAY_ADMIN_UNIT)
      ctx.addIssue({
        code: 'custom',
        path: ['GATEWAY_ADMIN_UNIT'],
        message: 'is required with GATEWAY_ADMIN_USERNAME',
      });
  });
export type GatewayConfig = z.infer<typeof gatewayConfigSchema>;
export const GATEWAY_CONFIG = Symbol('GATEWAY_CONFIG');
