import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { REDIS_CONNECTION } from '@lib/service-kit';
import { GATEWAY_CONFIG, GatewayConfig } from '../config';

/** The gateway's counters in Redis: login failures, request rates, revoked access tokens. */
@Injectable()
export class GatewayCounters {
  private readonly prefix: string;

  constructor(
    @Inject(REDIS_CONNECTION) readonly redis: Redis,
    @Inject(GATEWAY_CONFIG) config: GatewayConfig,
  ) {
    this.prefix = config.GATEWAY_REDIS_PREFIX;
  }

  key(...parts: string[]) {
    return [this.prefix, ...parts].join(':');
  }

  /** Increments a counter that lives `ttlSeconds` from its first increment; returns the new count. */
  async hit(key: string, ttlSeconds: number): Promise<number> {
    const count = await this.redis.incr(key);
    if (count === 1) await this.redis.expire(key, ttlSeconds);
    return count;
  }

  async count(key: string): Promise<number> {
    return Number((await this.redis.get(key)) ?? 0);
  }

  async revokeAccessToken(jti: string, expiresAt: number) {
    const ttl = Math.max(1, Math.ceil(expiresAt - Date.now() / 1000));
    await this.redis.set(this.key('revoked', jti), '1', 'EX', ttl);
  }

  async isRevoked(jti: string | undefined): Promise<boolean> {
    return !!jti && (await this.redis.exists(this.key('revoked', jti))) === 1;
  }
}
