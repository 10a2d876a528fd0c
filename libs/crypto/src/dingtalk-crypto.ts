import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * DingTalk's callback crypto (钉钉回调加解密), as in its official SDKs:
 * - key: base64(EncodingAESKey + '=') → 32 bytes; IV = the key's first 16 bytes; AES-256-CBC;
 * - PKCS#7 padding to 32-byte blocks (not 16), so Node's auto padding is off;
 * - plaintext = 16 random bytes ‖ 4-byte big-endian length ‖ msg ‖ owner key (corpId / appKey / suiteKey);
 * - signature = sha1(sort([token, timestamp, nonce, encrypt]).join('')), hex.
 * Node's crypto does all of it; the published npm wrappers are small and unmaintained.
 */
export class DingTalkCryptoError extends Error {
  constructor(
    message: string,
    readonly kind: 'signature' | 'owner' | 'format',
  ) {
    super(message);
    this.name = 'DingTalkCryptoError';
  }
}

const BLOCK = 32;

/** How far a callback's timestamp may be from our clock (DingTalk retries within minutes). */
export const DINGTALK_TIMESTAMP_WINDOW_MS = 5 * 60_000;

/**
 * A stale or future timestamp (Unix milliseconds, as DingTalk sends it) is refused: a captured
 * callback cannot be replayed later. Null when fresh, else the reason.
 */
export function timestampProblem(
  timestamp: string,
  nowMs: number,
  windowMs = DINGTALK_TIMESTAMP_WINDOW_MS,
): string | null {
  if (!/^\d{10,16}$/.test(timestamp)) return 'timestamp is not Unix milliseconds';
  const skew = Math.abs(nowMs - Number(timestamp));
  return skew > windowMs
    ? `timestamp is ${Math.round(skew / 1000)} s off (more than ${windowMs / 1000} s)`
    : null;
}

export function dingTalkKey(encodingAesKey: string): Buffer {
  if (!/^[A-Za-z0-9+/]{43}$/.test(encodingAesKey))
    throw new RangeError('EncodingAESKey must be 43 base64 characters');
  const key = Buffer.from(`${encodingAesKey}=`, 'base64');
  if (key.length !== 32) throw new RangeError('EncodingAESKey must decode to 32 bytes');
  return key;
}

export function dingTalkSignature(token: string, timestamp: string, nonce: string, encrypt: string): string {
  return createHash('sha1').update([token, timestamp, nonce, encrypt].sort().join('')).digest('hex');
}

function pad(buf: Buffer): Buffer {
  const n = BLOCK - (buf.length % BLOCK);
  return Buffer.concat([buf, Buffer.alloc(n, n)]);
}

function unpad(buf: Buffer): Buffer {
  const n = buf[buf.length - 1];
  if (n < 1 || n > BLOCK || n > buf.length) throw new DingTalkCryptoError('bad padding', 'format');
  return buf.subarray(0, buf.length - n);
}

export interface DingTalkCryptoOptions {
  token: string;
  encodingAesKey: string;
  /** The receiver (owner) key at the end of every plaintext: the app key, suite key or corp id. */
  ownerKey: string;
}

export interface EncryptedReply {
  msg_signature: string;
  timeStamp: string;
  nonce: string;
  encrypt: string;
}

export class DingTalkCrypto {
  private readonly key: Buffer;
  private readonly iv: Buffer;

  constructor(private readonly options: DingTalkCryptoOptions) {
    this.key = dingTalkKey(options.encodingAesKey);
    this.iv = this.key.subarray(0, 16);
  }

  encrypt(msg: string, random: Buffer = randomBytes(16)): string {
    const body = Buffer.from(msg, 'utf8');
    const length = Buffer.alloc(4);
    length.writeUInt32BE(body.length, 0);
    const plain = pad(Buffer.concat([random, length, body, Buffer.from(this.options.ownerKey, 'utf8')]));
    const cipher = createCipheriv('aes-256-cbc', this.key, this.iv).setAutoPadding(false);
    return Buffer.concat([cipher.update(plain), cipher.final()]).toString('base64');
  }

  /** The message inside `encrypt`; throws DingTalkCryptoError (owner key or format). */
  decrypt(encrypt: string): string {
    const data = Buffer.from(encrypt, 'base64');
    if (data.length === 0 || data.length % 16 !== 0)
      throw new DingTalkCryptoError('ciphertext is not whole AES blocks', 'format');
    let plain: Buffer;
    try {
      const decipher = createDecipheriv('aes-256-cbc', this.key, this.iv).setAutoPadding(false);
      plain = unpad(Buffer.concat([decipher.update(data), decipher.final()]));
    } catch (e) {
      if (e instanceof DingTalkCryptoError) throw e;
      throw new DingTalkCryptoError(`cannot decrypt: ${(e as Error).message}`, 'format');
    }
    if (plain.length < 20) throw new DingTalkCryptoError('plaintext too short', 'format');
    const length = plain.readUInt32BE(16);
    if (20 + length > plain.length) throw new DingTalkCryptoError('bad message length', 'format');
    const owner = plain.subarray(20 + length);
    const expected = Buffer.from(this.options.ownerKey, 'utf8');
    if (owner.length !== expected.length || !timingSafeEqual(owner, expected))
      throw new DingTalkCryptoError('owner key does not match', 'owner');
    return plain.subarray(20, 20 + length).toString('utf8');
  }

  /** Checks the callback's signature (constant time), then decrypts. */
  verifyAndDecrypt(signature: string, timestamp: string, nonce: string, encrypt: string): string {
    const expected = Buffer.from(dingTalkSignature(this.options.token, timestamp, nonce, encrypt));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected))
      throw new DingTalkCryptoError('signature does not match', 'signature');
    return this.decrypt(encrypt);
  }

  /** The encrypted reply DingTalk expects (`success` acknowledges the callback). */
  reply(msg: string, timeStamp: string, nonce: string = randomBytes(8).toString('hex')): EncryptedReply {
    const encrypt = this.encrypt(msg);
    return {
      msg_signature: dingTalkSignature(this.options.token, timeStamp, nonce, encrypt),
      timeStamp,
      nonce,
      encrypt,
    };
  }
}
