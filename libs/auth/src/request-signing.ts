import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Redis } from 'ioredis';

/**
 * Request signing for integration clients (systems that push data):
 *   X-Api-Key:   the key id (bound to one org unit)
 *   X-Timestamp: Unix time in milliseconds; more than ±5 minutes from the server's clock is refused
 *   X-Nonce:     16-64 characters [A-Za-z0-9_-], never reused (remembered 10 minutes)
 *   X-Signature: hex HMAC-SHA256(secret, METHOD \n path-with-query \n timestamp \n nonce \n hex SHA-256(body))
 */
export const SIGNING_WINDOW_MS = 5 * 60_000;
export const SignatureHeaders = {
  key: 'x-api-key',
  timestamp: 'x-timestamp',
  nonce: 'x-nonce',
  signature: 'x-signature',
} as const;

export function canonicalRequest(
  method: string,
  pathWithQuery: string,
  timestamp: string,
  nonce: string,
  body: Buffer | string,
): string {
  const digest = createHash('sha256').update(body).digest('hex');
  return [method.toUpperCase(), pathWithQuery, timestamp, nonce, digest].join('\n');
}

export function signature(secret: string, canonical: string): string {
  return createHmac('sha256', secret).update(canonical).digest('hex');
}

/** The headers a client sends (used by tests, the demo and integration SDKs). */
export function signRequest(
  keyId: string,
  secret: string,
  req: { method: string; path: string; body?: Buffer | string; timestamp?: number; nonce?: string },
): Record<string, string> {
  const timestamp = String(req.timestamp ?? Date.now());
  const nonce = req.nonce ?? randomBytes(16).toString('hex');
  const sig = signature(secret, canonicalRequest(req.method, req.path, timestamp, nonce, req.body ?? ''));
  return {
    [SignatureHeaders.key]: keyId,
    [SignatureHeaders.timestamp]: timestamp,
    [SignatureHeaders.nonce]: nonce,
    [SignatureHeaders.signature]: sig,
  };
}

/** Remembers nonces: claim() is true only the first time a nonce is seen. */
export interface NonceStore {
  claim(keyId: string, nonce: string): Promise<boolean>;
}

/** SET NX with a TTL longer than the whole window, so a nonce cannot be replayed while its timestamp is valid. */
export class RedisNonceStore implements NonceStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'auth:nonce',
  ) {}

  async claim(keyId: string, nonce: string): Promise<boolean> {
    const ttl = Math.ceil((2 * SIGNING_WINDOW_MS) / 1000);
    return (await this.redis.set(`${this.prefix}:${keyId}:${nonce}`, '1', 'EX', ttl, 'NX')) === 'OK';
  }
}

export class SignatureRejected extends Error {}

export interface SignedRequest {
  method: string;
  pathWithQuery: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? '';

/**
 * Verifies a signed request and returns the client it belongs to. Order matters: the signature is
 * checked before the nonce is claimed, so nobody can burn a client's nonces with forged requests.
 * Every failure is a SignatureRejected (answer 401; say no more).
 */
export async function verifySignedRequest<C extends { secret: string }>(
  req: SignedRequest,
  lookup: (keyId: string) => Promise<C | null>,
  nonces: NonceStore,
  now = Date.now(),
): Promise<C> {
  const keyId = one(req.headers[SignatureHeaders.key]);
  const timestamp = one(req.headers[SignatureHeaders.timestamp]);
  const nonce = one(req.headers[SignatureHeaders.nonce]);
  const given = one(req.headers[SignatureHeaders.signature]);
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(keyId)) throw new SignatureRejected('missing or malformed api key');
  if (!/^\d{10,16}$/.test(timestamp)) throw new SignatureRejected('missing or malformed timestamp');
  if (Math.abs(now - Number(timestamp)) > SIGNING_WINDOW_MS) throw new SignatureRejected('stale timestamp');
  if (!/^[A-Za-z0-9_-]{16,64}$/.test(nonce)) throw new SignatureRejected('missing or malformed nonce');
  if (!/^[0-9a-f]{64}$/.test(given)) throw new SignatureRejected('missing or malformed signature');
  const client = await lookup(keyId);
  if (!client) throw new SignatureRejected('unknown api key');
  const expected = signature(
    client.secret,
    canonicalRequest(req.method, req.pathWithQuery, timestamp, nonce, req.body),
  );
  if (!timingSafeEqual(Buffer.from(expected, 'hex'), Buffer.from(given, 'hex')))
    throw new SignatureRejected('wrong signature');
  if (!(await nonces.claim(keyId, nonce))) throw new SignatureRejected('replayed nonce');
  return client;
}
