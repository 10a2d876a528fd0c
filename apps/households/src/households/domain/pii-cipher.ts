import { hashIdNumber, KeyRing } from '@lib/crypto';

/**
 * Personal data at rest (ID numbers, phones, health): sealed with the PII key ring (AES-256-GCM,
 * "keyId.iv.tag.data", so keys rotate: new values use the active key, any listed key still opens),
 * and looked up by a keyed hash of the ID number instead of decrypting anything.
 */
export class PiiCipher {
  private readonly ring: KeyRing;

  constructor(
    keys: ReadonlyMap<string, Buffer>,
    activeKeyId: string,
    private readonly hashKey: string,
  ) {
    if (!keys.has(activeKeyId)) throw new Error(`PII key ${activeKeyId} is not configured`);
    this.ring = new KeyRing(keys, activeKeyId);
  }

  encrypt(clear: string): string {
    return this.ring.seal(clear);
  }

  decrypt(sealed: string): string {
    return this.ring.open(sealed);
  }

  /** idNumberHash: hex HMAC-SHA256 over the 18-character upper-case ID number. */
  hashIdNumber(idNumber: string): string {
    return hashIdNumber(this.hashKey, idNumber);
  }
}
