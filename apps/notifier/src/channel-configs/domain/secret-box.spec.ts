import { maskSecret, maskUrl, SecretBox } from './secret-box';

const KEY = 'a'.repeat(64);

describe('SecretBox (AES-256-GCM)', () => {
  it('opens what it sealed, and never stores the clear text', () => {
    const box = new SecretBox(KEY);
    const sealed = box.seal('SEC0123456789abcdef');
    expect(sealed).not.toContain('SEC0123456789abcdef');
    expect(box.open(sealed)).toBe('SEC0123456789abcdef');
    expect(box.seal('x')).not.toBe(box.seal('x')); // a fresh IV every time
  });

  it('refuses a tampered value or the wrong key', () => {
    const sealed = new SecretBox(KEY).seal('secret');
    const parts = sealed.split('.');
    parts[3] = Buffer.from('other').toString('base64url');
    expect(() => new SecretBox(KEY).open(parts.join('.'))).toThrow();
    expect(() => new SecretBox('b'.repeat(64)).open(sealed)).toThrow();
  });

  it('rejects a key that is not 32 bytes', () => {
    expect(() => new SecretBox('abcd')).toThrow(/32 bytes/);
  });

  it('masks secrets and token-bearing URLs', () => {
    expect(maskSecret('abc')).toBe('******');
    expect(maskUrl('https://oapi.dingtalk.com/robot/send?access_token=tok')).toBe(
      'https://oapi.dingtalk.com/******',
    );
  });
});
