import { createHmac } from 'node:crypto';
import { KeyRing, maskPhone } from '@lib/crypto';

/** Residents' phones at rest: sealed (AES-256-GCM, rotating keys), masked for display, a keyed hash to find them. */
export class PhoneCipher {
  private readonly ring: KeyRing;

  constructor(
    keys: ReadonlyMap<string, Buffer>,
    activeKeyId: string,
    private readonly hashKey: string,
  ) {
    this.ring = new KeyRing(keys, activeKeyId);
  }

  hash(phone: string): string {
    return createHmac('sha256', this.hashKey).update(phone.trim()).digest('hex');
  }

  seal(phone: string) {
    return { phoneSealed: this.ring.seal(phone), phoneMasked: maskPhone(phone), phoneHash: this.hash(phone) };
  }

  open(sealed: string): string {
    return this.ring.open(sealed);
  }
}
