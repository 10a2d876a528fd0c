import { createHmac } from 'node:crypto';

/**
 * Keyed hash for looking a person up without decrypting anything: hex HMAC-SHA256 over the
 * trimmed, upper-case 18-character ID number (the `idNumberHash` of household events). Apps that
 * match by it (households, monitoring) must share the key (PII_HASH_KEY).
 */
export function hashIdNumber(hashKey: string, idNumber: string): string {
  return createHmac('sha256', hashKey).update(idNumber.trim().toUpperCase()).digest('hex');
}

/**
 * The development-only key of the ID-number hash; every app that matches by the hash must use the
 * same key, and production must set its own (PII_HASH_KEY).
 */
export const DEV_PII_HASH_KEY = 'dev-pii-hash-key-change-me';
