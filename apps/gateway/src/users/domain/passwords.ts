import { randomBytes, scrypt, ScryptOptions, timingSafeEqual } from 'node:crypto';

/**
 * Passwords hashed with scrypt (memory-hard, in Node's crypto: nothing to download or compile).
 * N=2^15, r=8, p=1 uses 32 MiB per hash, OWASP's minimum recommendation for scrypt.
 * Stored as scrypt$N$r$p$salt$hash (base64url), so the cost can be raised later for new hashes.
 */
const COST = { N: 2 ** 15, r: 8, p: 1 };
const KEY_LENGTH = 32;

function derive(password: string, salt: Buffer, o: { N: number; r: number; p: number }): Promise<Buffer> {
  const options: ScryptOptions = { ...o, maxmem: 128 * o.N * o.r * 2 };
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, options, (e, key) => (e ? reject(e) : resolve(key))),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, COST);
  return ['scrypt', COST.N, COST.r, COST.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [alg, n, r, p, salt, hash] = stored.split('$');
  if (alg !== 'scrypt' || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await derive(password, Buffer.from(salt, 'base64url'), { N: +n, r: +r, p: +p });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** Spends the same time as a real check when the user does not exist (no user enumeration by timing). */
let dummy: Promise<string> | null = null;
export async function burnPasswordCheck(password: string): Promise<false> {
  dummy ??= hashPassword('dummy password for timing');
  await verifyPassword(password, await dummy);
  return false;
}
