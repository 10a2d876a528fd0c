import { z } from 'zod';
import { KafkaSettings } from '@lib/messaging';

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
});

export type BaseConfig = z.infer<typeof baseConfigSchema>;

/**
 * Parses process.env with the app's schema at start-up; a bad or missing setting stops the app
 * with a message naming each variable and the reason.
 */
export function loadConfig<S extends z.ZodTypeAny>(
  schema: S,
  env: NodeJS.ProcessEnv = process.env,
): z.infer<S> {
  const result = schema.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Invalid configuration:\n${lines}`);
  }
  return result.data;
}

export function kafkaSettingsOf(config: BaseConfig, clientId: string): KafkaSettings {
  return {
    brokers: config.KAFKA_BROKERS,
    clientId,
    topicPrefix: config.KAFKA_TOPIC_PREFIX,
    partitions: config.KAFKA_PARTITIONS,
  };
}
