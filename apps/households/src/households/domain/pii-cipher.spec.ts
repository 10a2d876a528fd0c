import { randomBytes } from 'node:crypto';
import { PiiCipher } from './pii-cipher';

describe('PiiCipher', () => {
  const k1 = randomBytes(32);
  const k2 = randomBytes(32);

  it('round-trips without the clear text in the ciphertext, and reads old keys after rotation', () => {
    const before = new PiiCipher(new Map([['k1', k1]]), 'k1', 'hash-key-0123456789');
    const sealed = before.encrypt('11010519491231002X');
    expect(sealed).not.toContain('11010519491231002X');
    expect(sealed.startsWith('k1.')).toBe(true);
    const after = new PiiCipher(
      new Map([
        ['k2', k2],
        ['k1', k1],
      ]),
      'k2',
      'hash-key-0123456789',
    );
    expect(after.decrypt(sealed)).toBe('11010519491231002X');
    expect(after.encrypt('x').startsWith('k2.')).toBe(true);
  });

  it('hashes the upper-case number with the keyed HMAC, the same for any case', () => {
    const c = new PiiCipher(new Map([['k1', k1]]), 'k1', 'hash-key-0123456789');
    expect(c.hashIdNumber('11010519491231002x')).toBe(c.hashIdNumber('11010519491231002X'));
    expect(c.hashIdNumber('11010519491231002X')).toMatch(/^[0-9a-f]{64}$/);
  });
});
