import { createDecipheriv, createHash, randomBytes } from 'node:crypto';
import {
  DingTalkCrypto,
  DingTalkCryptoError,
  dingTalkKey,
  dingTalkSignature,
  timestampProblem,
} from './dingtalk-crypto';

// A 43-character EncodingAESKey as the DingTalk console shows one.
const aesKey = '4g5j64qlyl3zvetqxz5jiocdr586fn2zvjpa8zls3ij';
const options = { token: '123456', encodingAesKey: aesKey, ownerKey: 'dingapp-test-key' };

describe('DingTalk callback crypto (钉钉回调加解密)', () => {
  const crypto = new DingTalkCrypto(options);

  it('derives the 32-byte key from the 43-character EncodingAESKey', () => {
    expect(dingTalkKey(aesKey)).toHaveLength(32);
    expect(() => dingTalkKey('short')).toThrow(RangeError);
  });

  it('round-trips a message, including Chinese text', () => {
    const msg = JSON.stringify({ EventType: 'attendance_check_record', address: '三联村村委会' });
    expect(crypto.decrypt(crypto.encrypt(msg))).toBe(msg);
  });

  it('lays the plaintext out as random(16) ‖ length(4, big-endian) ‖ msg ‖ owner key, padded to 32-byte blocks', () => {
    const random = randomBytes(16);
    const encrypted = Buffer.from(crypto.encrypt('success', random), 'base64');
    expect(encrypted.length % 32).toBe(0);
    const key = dingTalkKey(aesKey);
    const d = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16)).setAutoPadding(false);
    const plain = Buffer.concat([d.update(encrypted), d.final()]);
    const pad = plain[plain.length - 1];
    expect(pad).toBeGreaterThanOrEqual(1);
    expect(pad).toBeLessThanOrEqual(32);
    expect(plain.subarray(plain.length - pad).every((b) => b === pad)).toBe(true);
    expect(plain.subarray(0, 16).equals(random)).toBe(true);
    expect(plain.readUInt32BE(16)).toBe(7);
    expect(plain.subarray(20, 27).toString()).toBe('success');
    expect(plain.subarray(27, plain.length - pad).toString()).toBe(options.ownerKey);
  });

  it('signs sha1 over the sorted token, timestamp, nonce and encrypt', () => {
    // sorted: "1409659813", "123456", "abc", "nonce" → sha1 of the concatenation
    expect(dingTalkSignature('123456', '1409659813', 'nonce', 'abc')).toBe(
      createHash('sha1').update(['123456', '1409659813', 'nonce', 'abc'].sort().join('')).digest('hex'),
    );
    expect(['123456', '1409659813', 'nonce', 'abc'].sort()).toEqual(['123456', '1409659813', 'abc', 'nonce']);
  });

  it('verifies the signature before decrypting', () => {
    const encrypt = crypto.encrypt('{"EventType":"check_url"}');
    const sig = dingTalkSignature(options.token, '1700000000000', 'n0nce', encrypt);
    expect(crypto.verifyAndDecrypt(sig, '1700000000000', 'n0nce', encrypt)).toBe('{"EventType":"check_url"}');
    expect(() => crypto.verifyAndDecrypt(sig, '1700000000001', 'n0nce', encrypt)).toThrow(
      expect.objectContaining({ kind: 'signature' }),
    );
    expect(() => crypto.verifyAndDecrypt('0'.repeat(40), '1700000000000', 'n0nce', encrypt)).toThrow(
      DingTalkCryptoError,
    );
  });

  it('refuses a message for another owner (app key)', () => {
    const other = new DingTalkCrypto({ ...options, ownerKey: 'someone-else' });
    expect(() => crypto.decrypt(other.encrypt('hello'))).toThrow(expect.objectContaining({ kind: 'owner' }));
  });

  it('refuses garbage ciphertext as a format error', () => {
    expect(() => crypto.decrypt('not-base64-blocks')).toThrow(expect.objectContaining({ kind: 'format' }));
  });

  it('builds the encrypted reply that decrypts to success and carries a valid msg_signature', () => {
    const reply = crypto.reply('success', '1700000000123', 'abcdef');
    expect(reply.timeStamp).toBe('1700000000123');
    expect(reply.msg_signature).toBe(
      dingTalkSignature(options.token, reply.timeStamp, reply.nonce, reply.encrypt),
    );
    expect(crypto.decrypt(reply.encrypt)).toBe('success');
  });

  it('refuses a timestamp more than 5 minutes off our clock (replayed or forged callbacks)', () => {
    const now = Date.parse('2026-11-28T10:00:00Z');
    expect(timestampProblem(String(now - 4 * 60_000), now)).toBeNull();
    expect(timestampProblem(String(now + 4 * 60_000), now)).toBeNull();
    expect(timestampProblem(String(now - 6 * 60_000), now)).toContain('360 s off');
    expect(timestampProblem(String(now + 6 * 60_000), now)).toContain('off');
    expect(timestampProblem('yesterday', now)).toContain('not Unix milliseconds');
  });
});
