import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

/**
 * AES-256-GCM for personal data at rest. A ciphertext is "keyId.iv.tag.data" (base64url parts), so keys can
 * rotate: new values use the active key, any listed key still decrypts. Lookups use a keyed hash instead.
 */
export class PiiCipher {
  constructor(
    private readonly keys: ReadonlyMap<string, Buffer>,
    private readonly activeKeyId: string,
    private readonly hashKey: string,
  ) {
    if (!keys.has(activeKeyId)) throw new Error(`PII key ${activeKeyId} is not configured`);
  }

  encrypt(clear: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.keys.get(this.activeKeyId)!, iv);
    const data = Buffer.concat([cipher.update(clear, 'utf8'), cipher.final()]);
    return [this.activeKeyId, iv, cipher.getAuthTag(), data]
      .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
      .join('.');
  }

  decrypt(sealed: string): string {
    const [keyId, iv, tag, data] = sealed.split('.');
    const key = this.keys.get(keyId);
    if (!key) throw new Error(`PII key ${keyId} is no longer configured`);
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString(
      'utf8',
    );
  }

  /** idNumberHash: hex HMAC-SHA256 over the 18-character upper-case ID number. */
  hashIdNumber(idNumber: string): string {
    return createHmac('sha256', this.hashKey).update(idNumber.trim().toUpperCase()).digest('hex');
  }
}
