import { Provider } from '@nestjs/common';
import { APP_CONFIG } from '@lib/service-kit';
import { HouseholdsConfig } from '../config';
import { PiiCipher } from './domain/pii-cipher';

export const piiCipherProvider: Provider = {
  provide: PiiCipher,
  inject: [APP_CONFIG],
  useFactory: (c: HouseholdsConfig) =>
    new PiiCipher(c.PII_KEYS, c.PII_ACTIVE_KEY_ID ?? [...c.PII_KEYS.keys()][0], c.PII_HASH_KEY),
};
