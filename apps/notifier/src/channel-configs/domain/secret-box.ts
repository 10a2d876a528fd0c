import { KeyRing } from '@lib/crypto';

/**
 * Channel secrets at rest: `v1.<iv>.<tag>.<ciphertext>` (base64url), sealed with the shared
 * AES-256-GCM key ring (libs/crypto) under key id "v1". A wrong key or a tampered value fails to
 * open rather than yielding garbage.
 */
export class SecretBox {
  private readonly ring: KeyRing;

  constructor(keyHex: string) {
    const key = Buffer.from(keyHex, 'hex');
    if (key.length !== 32) throw new Error('the channel secret key must be 32 bytes (64 hex digits)');
    this.ring = new KeyRing(new Map([['v1', key]]), 'v1');
  }

  seal(plain: string): string {
    return this.ring.seal(plain);
  }

  open(sealed: string): string {
    if (!this.ring.isSealed(sealed)) throw new Error('not a sealed secret');
    return this.ring.open(sealed);
  }
}

/** What the API shows of a secret: its length class only, never a character of it. */
export function maskSecret(secret: string): string {
  return secret ? '******' : '';
}

/** What the API shows of a URL whose path or query carries a token: scheme and host only. */
export function maskUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}/******`;
  } catch {
    return '******';
  }
}
