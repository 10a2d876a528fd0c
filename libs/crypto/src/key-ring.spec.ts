import { KeyRing } from './key-ring';
import { keyRingSetting } from './key-ring-setting';
import { hashIdNumber } from './keyed-hash';

const k = (c: string) => Buffer.alloc(32, c);

describe('KeyRing (AES-256-GCM at rest)', () => {
  it('seals to a value without the clear text that opens back to it', () => {
    const ring = new KeyRing(new Map([['k1', k('a')]]), 'k1');
    const sealed = ring.seal('620102199003071234');
    expect(sealed).not.toContain('620102199003071234');
    expect(sealed.startsWith('k1.')).toBe(true);
    expect(ring.open(sealed)).toBe('620102199003071234');
    expect(ring.seal('x')).not.toBe(ring.seal('x')); // fresh IV each time
  });

  it('rotates: the new active key seals, the old key still opens what it sealed', () => {
    const old = new KeyRing(new Map([['k1', k('a')]]), 'k1');
    const sealedByOld = old.seal('13800138000');
    const rotated = new KeyRing(
      new Map([
        ['k1', k('a')],
        ['k2', k('b')],
      ]),
      'k2',
    );
    expect(rotated.open(sealedByOld)).toBe('13800138000');
    expect(rotated.seal('y').startsWith('k2.')).toBe(true);
    const dropped = new KeyRing(new Map([['k2', k('b')]]), 'k2');
    expect(() => dropped.open(sealedByOld)).toThrow('key k1 is no longer configured');
  });

  it('refuses a tampered value or a wrong key instead of returning garbage', () => {
    const ring = new KeyRing(new Map([['k1', k('a')]]), 'k1');
    const [id, iv, tag, data] = ring.seal('secret').split('.');
    const flipped = Buffer.from(data, 'base64url');
    flipped[0] ^= 1;
    expect(() => ring.open([id, iv, tag, flipped.toString('base64url')].join('.'))).toThrow();
    const other = new KeyRing(new Map([['k1', k('z')]]), 'k1');
    expect(() => other.open(ring.seal('secret'))).toThrow();
    expect(ring.isSealed(ring.seal('s'))).toBe(true);
    expect(ring.isSealed('plain-secret')).toBe(false);
  });

  it('reads a key ring from configuration and names a bad entry', () => {
    const ok = keyRingSetting.safeParse(`a:${k('a').toString('base64')}, b:${k('b').toString('base64')}`);
    expect(ok.success && [...ok.data.keys()]).toEqual(['a', 'b']);
    const bad = keyRingSetting.safeParse('a:c2hvcnQ=');
    expect(bad.success).toBe(false);
    expect(!bad.success && bad.error.issues[0].message).toBe('each entry must be keyId:base64 of 32 bytes');
  });

  it('hashes ID numbers with a key, case- and space-insensitively', () => {
    const h = hashIdNumber('key-1', ' 62010219900307123x ');
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(hashIdNumber('key-1', '62010219900307123X')).toBe(h);
    expect(hashIdNumber('key-2', '62010219900307123X')).not.toBe(h);
  });
});
