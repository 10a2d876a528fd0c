import { hashIdNumber } from '@lib/crypto';

/**
 * The registry's keyed hash of an ID number (idNumberHash in household.registered.v1), with
 * PII_HASH_KEY: same key, same hash as households (libs/crypto).
 */
export class IdNumberHasher {
  constructor(private readonly key: string) {}

  hash(idNumber: string): string {
    return hashIdNumber(this.key, idNumber);
  }
}
