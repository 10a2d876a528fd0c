import { Inject, Injectable } from '@nestjs/common';
import { Redis } from 'ioredis';
import { REDIS_CONNECTION } from '@lib/service-kit';
import { REQUESTS_CONFIG, RequestsConfig } from '../config';

export interface StoredCode {
  hash: string;
  tries: number;
}

/**
 * Redis only (nothing of the public form reaches the database before a request is filed): pending
 * codes with their expiry, and the counters of the rate limits (per phone hash, per address).
 */
@Injectable()
export class VerificationCodesStore {
  constructor(
    @Inject(REDIS_CONNECTION) private readonly redis: Redis,
    @Inject(REQUESTS_CONFIG) private readonly config: RequestsConfig,
  ) {}

  private key(...parts: string[]) {
    return `${this.config.QUEUE_PREFIX}:requests:${parts.join(':')}`;
  }

  /** Sets a cool-down flag; false when one is set already. */
  async coolDown(phoneHash: string, seconds: number): Promise<boolean> {
    if (seconds === 0) return true;
    return (await this.redis.set(this.key('cool', phoneHash), '1', 'EX', seconds, 'NX')) === 'OK';
  }

  async clearCoolDown(phoneHash: string): Promise<void> {
    await this.redis.del(this.key('cool', phoneHash));
  }

  /** Counts one more in a fixed window; returns the count including this one. */
  async hit(kind: 'phone' | 'ip', who: string, windowSeconds: number): Promise<number> {
    const k = this.key('rate', kind, who);
    const [[, n]] = (await this.redis.multi().incr(k).expire(k, windowSeconds, 'NX').exec()) as [
      [null, number],
      unknown,
    ];
    return n;
  }

  async put(phoneHash: string, code: StoredCode, ttlSeconds: number): Promise<void> {
    await this.redis.set(this.key('code', phoneHash), JSON.stringify(code), 'EX', ttlSeconds);
  }

  async get(phoneHash: string): Promise<StoredCode | null> {
    const raw = await this.redis.get(this.key('code', phoneHash));
    return raw ? (JSON.parse(raw) as StoredCode) : null;
  }

  /** One more wrong try (the expiry kept); returns the tries so far. */
  async wrongTry(phoneHash: string, code: StoredCode): Promise<number> {
    const tries = code.tries + 1;
    await this.redis.set(this.key('code', phoneHash), JSON.stringify({ ...code, tries }), 'KEEPTTL');
    return tries;
  }

  /** Takes the code away; true for the one caller that removed it (a code files one request). */
  async spend(phoneHash: string): Promise<boolean> {
    return (await this.redis.del(this.key('code', phoneHash))) === 1;
  }
}
