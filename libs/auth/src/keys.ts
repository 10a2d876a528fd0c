import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  type CryptoKey,
  exportJWK,
  exportPKCS8,
  exportSPKI,
  generateKeyPair,
  importPKCS8,
  importSPKI,
} from 'jose';

/** EdDSA over Ed25519: small keys, fast, deterministic signatures, no padding or curve choices to get wrong. */
export const JWT_ALG = 'EdDSA';
export const JWT_ISSUER = 'fangfanpin-gateway';
export const JWT_AUDIENCE = 'fangfanpin';

/** PEM from an environment variable: literal "\n" sequences (one-line .env values) become newlines. */
const pem = (s: string) => s.replace(/\\n/g, '\n').trim();

export interface DevKeyFile {
  privateKey: string;
  publicKey: string;
}

/**
 * The development signing key pair: read from `file`, or generated there on first use (atomically,
 * so the gateway, the apps and the tests that start together agree on one key). Never used in production.
 */
export async function devKeyPair(file: string): Promise<DevKeyFile> {
  const abs = path.resolve(file);
  if (fs.existsSync(abs)) return JSON.parse(fs.readFileSync(abs, 'utf8')) as DevKeyFile;
  const { privateKey, publicKey } = await generateKeyPair(JWT_ALG, { crv: 'Ed25519', extractable: true });
  const pair: DevKeyFile = {
    privateKey: await exportPKCS8(privateKey),
    publicKey: await exportSPKI(publicKey),
  };
  fs.mkdirSync(path.dirname(abs), { recursive: true });
  const tmp = `${abs}.${process.pid}.${Date.now()}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(pair), { mode: 0o600 });
  try {
    fs.linkSync(tmp, abs); // fails if another process won the race: then theirs is the key
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  } finally {
    fs.unlinkSync(tmp);
  }
  return JSON.parse(fs.readFileSync(abs, 'utf8')) as DevKeyFile;
}

export interface KeySettings {
  NODE_ENV: string;
  AUTH_DEV_KEY_FILE: string;
}

/** The public key access tokens are verified with: AUTH_JWT_PUBLIC_KEY, or the dev key outside production. */
export async function loadVerificationKey(
  config: KeySettings & { AUTH_JWT_PUBLIC_KEY: string },
): Promise<CryptoKey> {
  if (config.AUTH_JWT_PUBLIC_KEY) {
    try {
      return await importSPKI(pem(config.AUTH_JWT_PUBLIC_KEY), JWT_ALG);
    } catch (e) {
      throw new Error(
        `Invalid configuration:\n  AUTH_JWT_PUBLIC_KEY: not an Ed25519 SPKI PEM (${(e as Error).message})`,
        { cause: e },
      );
    }
  }
  if (config.NODE_ENV === 'production')
    throw new Error('Invalid configuration:\n  AUTH_JWT_PUBLIC_KEY: is required in production');
  return importSPKI((await devKeyPair(config.AUTH_DEV_KEY_FILE)).publicKey, JWT_ALG);
}

/** The private key the gateway signs with: AUTH_JWT_PRIVATE_KEY, or the dev key outside production. */
export async function loadSigningKey(
  config: KeySettings & { AUTH_JWT_PRIVATE_KEY: string },
): Promise<{ privateKey: CryptoKey; publicJwk: Record<string, unknown> }> {
  let privatePem: string;
  if (config.AUTH_JWT_PRIVATE_KEY) privatePem = pem(config.AUTH_JWT_PRIVATE_KEY);
  else if (config.NODE_ENV === 'production')
    throw new Error('Invalid configuration:\n  AUTH_JWT_PRIVATE_KEY: is required in production');
  else privatePem = (await devKeyPair(config.AUTH_DEV_KEY_FILE)).privateKey;
  let privateKey: CryptoKey;
  try {
    privateKey = await importPKCS8(privatePem, JWT_ALG, { extractable: true });
  } catch (e) {
    throw new Error(
      `Invalid configuration:\n  AUTH_JWT_PRIVATE_KEY: not an Ed25519 PKCS#8 PEM (${(e as Error).message})`,
      { cause: e },
    );
  }
  const { d: _d, ...publicJwk } = await exportJWK(privateKey);
  return { privateKey, publicJwk: { ...publicJwk, alg: JWT_ALG, use: 'sig' } };
}
