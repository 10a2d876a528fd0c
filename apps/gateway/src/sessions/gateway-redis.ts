import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { REDIS_CONNECTION } from '@lib/service-kit';
import { GATEWAY_CONFIG, GatewayConfig } from '../config';

/** The gateway's counters in Redis: login failures, revoked access tokens (request rates: proxy/caller-rate-limit.ts). */
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

  /** Every token of the user issued before `revokedAtMs` is revoked, for `ttlSeconds`. */
  async revokeUser(userId: string, revokedAtMs: number, ttlSeconds: number) {
    await this.redis.set(this.key('revoked-user', userId), String(revokedAtMs), 'EX', ttlSeconds);
  }

  /** Whether a verified token was revoked: itself (sign-out), or all its user's tokens up to a moment. */
  async isRevoked(p: { sub: string; jti?: string; issuedAtMs?: number }): Promise<boolean> {
    const [token, userBefore] = await this.redis.mget(
      this.key('revoked', p.jti ?? '-'),
      this.key('revoked-user', p.sub),
    );
    if (p.jti && token !== null) return true;
    return userBefore !== null && (p.issuedAtMs === undefined || p.issuedAtMs < Number(userBefore));
  }
}
