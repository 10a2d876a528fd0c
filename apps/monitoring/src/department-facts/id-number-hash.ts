import { createHmac } from 'node:crypto';

/**
 * The registry's keyed hash of an ID number (idNumberHash in household.registered.v1): hex
 * HMAC-SHA256 with PII_HASH_KEY over the trimmed upper-case number. Same key, same hash as households.
 */
export class IdNumberHasher {
  constructor(private readonly key: string) {}

  hash(idNumber: string): string {
    return createHmac('sha256', this.key).update(idNumber.trim().toUpperCase()).digest('hex');
  }
}

/** 6212**********1234: enough for a person to recognise a record, never the number. */
export function maskIdNumber(idNumber: string): string {
  const n = idNumber.trim().toUpperCase();
  return `${n.slice(0, 4)}${'*'.repeat(Math.max(n.length - 8, 0))}${n.slice(-4)}`;
}

export const DEV_PII_HASH_KEY = 'dev-pii-hash-key-change-me';
