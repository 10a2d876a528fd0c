import { hostname } from 'node:os';
import { z } from 'zod';
import {
  kafkaConnectionFields,
  kafkaConnectionOptions,
  kafkaConnectionProblems,
  KafkaSettings,
} from '@lib/messaging';

const csv = z
  .string()
  .min(1)
  .transform((s) =>
    s
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean),
  );

/** Settings every app shares. Names are identical in deploy/local, docker-compose and k8s. */
export const baseConfigSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HOST: z.string().default('0.0.0.0'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace']).default('info'),
  KAFKA_BROKERS: csv.prefault('127.0.0.1:9092'),
  KAFKA_TOPIC_PREFIX: z
    .string()
    .regex(/^[a-zA-Z0-9._-]*$/)
    .default(''),
  KAFKA_PARTITIONS: z.coerce.number().int().min(1).max(256).default(6),
  /** TLS and SASL/SCRAM towards the brokers (libs/messaging kafka-connection.ts). */
  ...kafkaConnectionFields,
  /**
   * This process's name among the app's instances, stable across its restarts (default: host name and
   * PORT, i.e. the pod name in Kubernetes, the container in compose). Names the consumer group that
   * follows token revocations, so a restart reuses its group instead of adding one.
   */
  INSTANCE_ID: z
    .string()
    .regex(/^[a-zA-Z0-9._-]*$/, 'letters, digits, ".", "_" and "-" only')
    .max(100)
    .default(''),
  MONGO_URL: z
    .string()
    .regex(/^mongodb(\+srv)?:\/\/\S+$/, 'must be a mongodb:// or mongodb+srv:// connection string')
    .default('mongodb://127.0.0.1:27017'),
  /**
   * Ed25519 public key (SPKI PEM; "\\n" accepted for newlines) that access tokens are verified with:
   * the gateway's AUTH_JWT_PRIVATE_KEY's pair. Empty outside production: the dev key pair in
   * AUTH_DEV_KEY_FILE (generated on first use, shared with the gateway). Required in production.
   */
  AUTH_JWT_PUBLIC_KEY: z.string().default(''),
  AUTH_DEV_KEY_FILE: z.string().min(1).default('.local/auth/dev-jwt-ed25519.json'),
  /**
   * Where Prometheus scrapes GET /metrics: 0 (default) on the app's own port; a port number: only
   * there (the gateway, whose own port is public, sets one that only the monitoring network reaches).
   */
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(0),
});

export type BaseConfig = z.infer<typeof baseConfigSchema>;

/** What every app needs in production beyond its schema's defaults (the schema itself is extended per app). */
function productionProblems(c: BaseConfig) {
  if (c.NODE_ENV !== 'production' || c.AUTH_JWT_PUBLIC_KEY) return [];
  return [
    {
      path: 'AUTH_JWT_PUBLIC_KEY',
      message: 'is required in production (node scripts/make-keys.mjs makes a key pair)',
    },
  ];
}

/**
 * Parses process.env with the app's schema at start-up; a bad or missing setting stops the app
 * with a message naming each variable and the reason.
 */
export function loadConfig<S extends z.ZodTypeAny>(
  schema: S,
  env: NodeJS.ProcessEnv = process.env,
): z.infer<S> {
  const result = schema.safeParse(env);
  const problems = result.success
    ? [
        ...kafkaConnectionProblems(result.data as BaseConfig),
        ...productionProblems(result.data as BaseConfig),
      ]
    : result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  if (problems.length) {
    const lines = problems.map((p) => `  ${p.path}: ${p.message}`).join('\n');
    throw new Error(`Invalid configuration:\n${lines}`);
  }
  return result.data as z.infer<S>;
}

export function kafkaSettingsOf(config: BaseConfig, clientId: string): KafkaSettings {
  const port = (config as BaseConfig & { PORT?: number }).PORT;
  return {
    brokers: config.KAFKA_BROKERS,
    clientId,
    topicPrefix: config.KAFKA_TOPIC_PREFIX,
    partitions: config.KAFKA_PARTITIONS,
    ...kafkaConnectionOptions(config),
    // two instances on one host (native runs, tests) differ by their port
    instanceId: config.INSTANCE_ID || `${hostname()}-${port ?? process.pid}`,
  };
}
