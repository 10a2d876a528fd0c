import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * AES-256-GCM for values at rest (ID numbers, phones, health data, channel and integration
 * secrets). A sealed value is `keyId.iv.tag.data` (base64url parts): new values use the active key,
 * every key still listed opens what it sealed, so keys rotate without re-encrypting at once.
 * A wrong key or a tampered value fails to open rather than yielding garbage.
 */
export class KeyRing {
  constructor(
    private readonly keys: ReadonlyMap<string, Buffer>,
    private readonly activeKeyId: string,
  ) {
    const active = keys.get(activeKeyId);
    if (!active) throw new Error(`key ${activeKeyId} is not in the key ring`);
    for (const [id, key] of keys)
      if (key.length !== 32) throw new Error(`key ${id} must be 32 bytes (AES-256)`);
  }

  get activeKey(): string {
    return this.activeKeyId;
  }

  seal(clear: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.keys.get(this.activeKeyId)!, iv);
    const data = Buffer.concat([cipher.update(clear, 'utf8'), cipher.final()]);
    return [
      this.activeKeyId,
      iv.toString('base64url'),
      cipher.getAuthTag().toString('base64url'),
      data.toString('base64url'),
    ].join('.');
  }

  open(sealed: string): string {
    const [keyId, iv, tag, data] = sealed.split('.');
    if (!keyId || !iv || !tag || data === undefined) throw new Error('not a sealed value');
    const key = this.keys.get(keyId);
    if (!key) throw new Error(`key ${keyId} is no longer configured`);
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString(
      'utf8',
    );
  }

  /** Whether a stored value looks sealed by this ring (to migrate values stored before encryption). */
  isSealed(value: string): boolean {
    const parts = value.split('.');
    return parts.length === 4 && this.keys.has(parts[0]);
  }
}
