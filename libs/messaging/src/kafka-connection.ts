import { createPrivateKey, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { ConnectionOptions } from 'node:tls';
import type { SASLOptions } from 'kafkajs';
import { z } from 'zod';

/** What a setting's file must hold, checked at start-up so a bad path or file stops the app with its name. */
function pemFile(what: 'certificates' | 'private key') {
  return z
    .string()
    .default('')
    .superRefine((file, ctx) => {
      if (file === '') return;
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (e) {
        ctx.addIssue({ code: 'custom', message: `cannot read ${file}: ${(e as Error).message}` });
        return;
      }
      try {
        if (what === 'private key') createPrivateKey(text);
        else new X509Certificate(text);
      } catch {
        ctx.addIssue({ code: 'custom', message: `${file} holds no PEM ${what}` });
      }
    });
}

/**
 * How the apps reach a secured Kafka (same names in deploy/local, docker-compose.yml and deploy/k8s).
 * Empty: plaintext without authentication, as the local broker runs. Part of every app's config
 * schema (libs/service-kit baseConfigSchema); the rules between settings are in kafkaConnectionProblems.
 */
export const kafkaConnectionFields = {
  /** TLS to the brokers (the listener Java clients reach with security.protocol SSL or SASL_SSL). */
  KAFKA_TLS: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /** PEM bundle of the CAs that signed the brokers' certificates (default: Node's CA store). */
  KAFKA_TLS_CA_FILE: pemFile('certificates'),
  /** Client certificate and its private key (PEM) for brokers that authenticate clients by TLS (mTLS). */
  KAFKA_TLS_CERT_FILE: pemFile('certificates'),
  KAFKA_TLS_KEY_FILE: pemFile('private key'),
  /** SASL mechanism ('' = none); SCRAM as Strimzi's `scram-sha-512` users and most managed Kafka offer it. */
  KAFKA_SASL_MECHANISM: z.enum(['', 'scram-sha-256', 'scram-sha-512', 'plain']).default(''),
  KAFKA_SASL_USERNAME: z.string().default(''),
  KAFKA_SASL_PASSWORD: z.string().default(''),
};

type KafkaConnectionConfig = z.infer<z.ZodObject<typeof kafkaConnectionFields>>;

export interface ConfigProblem {
  path: string;
  message: string;
}

/** Settings that only make sense together; loadConfig reports these with the schema's own issues. */
export function kafkaConnectionProblems(c: KafkaConnectionConfig): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const needsTls = (path: keyof KafkaConnectionConfig) =>
    problems.push({ path, message: 'only used with KAFKA_TLS=true' });
  if (!c.KAFKA_TLS) {
    if (c.KAFKA_TLS_CA_FILE) needsTls('KAFKA_TLS_CA_FILE');
    if (c.KAFKA_TLS_CERT_FILE) needsTls('KAFKA_TLS_CERT_FILE');
    if (c.KAFKA_TLS_KEY_FILE) needsTls('KAFKA_TLS_KEY_FILE');
  }
  if (Boolean(c.KAFKA_TLS_CERT_FILE) !== Boolean(c.KAFKA_TLS_KEY_FILE))
    problems.push({
      path: c.KAFKA_TLS_CERT_FILE ? 'KAFKA_TLS_KEY_FILE' : 'KAFKA_TLS_CERT_FILE',
      message: 'KAFKA_TLS_CERT_FILE and KAFKA_TLS_KEY_FILE go together (the client certificate and its key)',
    });
  else if (c.KAFKA_TLS_CERT_FILE && !certificateMatchesKey(c.KAFKA_TLS_CERT_FILE, c.KAFKA_TLS_KEY_FILE))
    problems.push({
      path: 'KAFKA_TLS_KEY_FILE',
      message: `is not the private key of the certificate in ${c.KAFKA_TLS_CERT_FILE}`,
    });
  if (c.KAFKA_SASL_MECHANISM) {
    if (!c.KAFKA_SASL_USERNAME)
      problems.push({ path: 'KAFKA_SASL_USERNAME', message: `required with KAFKA_SASL_MECHANISM` });
    if (!c.KAFKA_SASL_PASSWORD)
      problems.push({ path: 'KAFKA_SASL_PASSWORD', message: `required with KAFKA_SASL_MECHANISM` });
    if (c.KAFKA_SASL_MECHANISM === 'plain' && !c.KAFKA_TLS)
      problems.push({
        path: 'KAFKA_SASL_MECHANISM',
        message: 'plain sends the password in clear: use it only with KAFKA_TLS=true (or use scram-sha-512)',
      });
  } else
    for (const k of ['KAFKA_SASL_USERNAME', 'KAFKA_SASL_PASSWORD'] as const)
      if (c[k])
        problems.push({
          path: k,
          message: 'set KAFKA_SASL_MECHANISM too (scram-sha-256, scram-sha-512, plain)',
        });
  return problems;
}

function certificateMatchesKey(certFile: string, keyFile: string): boolean {
  try {
    const cert = new X509Certificate(readFileSync(certFile, 'utf8'));
    return cert.checkPrivateKey(createPrivateKey(readFileSync(keyFile, 'utf8')));
  } catch {
    return true; // unreadable files are reported by their own settings
  }
}

/** The kafkajs `ssl` and `sasl` options of validated settings (files are read here, once, at start). */
export function kafkaConnectionOptions(c: KafkaConnectionConfig): {
  ssl?: ConnectionOptions | true;
  sasl?: SASLOptions;
} {
  const out: { ssl?: ConnectionOptions | true; sasl?: SASLOptions } = {};
  if (c.KAFKA_TLS) {
    const tls: ConnectionOptions = {};
    if (c.KAFKA_TLS_CA_FILE) tls.ca = readFileSync(c.KAFKA_TLS_CA_FILE, 'utf8');
    if (c.KAFKA_TLS_CERT_FILE) tls.cert = readFileSync(c.KAFKA_TLS_CERT_FILE, 'utf8');
    if (c.KAFKA_TLS_KEY_FILE) tls.key = readFileSync(c.KAFKA_TLS_KEY_FILE, 'utf8');
    out.ssl = Object.keys(tls).length ? tls : true;
  }
  if (c.KAFKA_SASL_MECHANISM)
    out.sasl = {
      mechanism: c.KAFKA_SASL_MECHANISM,
      username: c.KAFKA_SASL_USERNAME,
      password: c.KAFKA_SASL_PASSWORD,
    } as SASLOptions;
  return out;
}
