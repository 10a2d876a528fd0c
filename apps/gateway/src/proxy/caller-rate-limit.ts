import { Inject, Injectable } from '@nestjs/common';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import {
  getOptionsToken,
  getStorageToken,
  minutes,
  type ThrottlerModuleOptions,
  ThrottlerModule,
  type ThrottlerStorage,
} from '@nestjs/throttler';
import type { Redis } from 'ioredis';
import { REDIS_CONNECTION } from '@lib/service-kit';
import type { GatewayConfig } from '../config';
import { GatewayCounters } from '../sessions/gateway-redis';

/** The throttler of the proxied API: GATEWAY_RATE_LIMIT_PER_MINUTE requests a minute per caller. */
const PROXY = 'proxy';

/**
 * @nestjs/throttler with its counters in the gateway's Redis (@nest-lab/throttler-storage-redis: one
 * atomic script per request), so that every gateway instance counts against the same allowance.
 */
export function proxyThrottlerModule(config: GatewayConfig) {
  return ThrottlerModule.forRootAsync({
    inject: [REDIS_CONNECTION],
    useFactory: (redis: Redis) => ({
      throttlers: [{ name: PROXY, ttl: minutes(1), limit: config.GATEWAY_RATE_LIMIT_PER_MINUTE }],
      storage: new ThrottlerStorageRedisService(redis),
    }),
  });
}

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Counts one request of a caller (a user's or integration client's id, or `ip:<address>` for callers
 * without credentials) against the proxy throttler. The proxy asks after it has found the route and
 * authenticated the caller, which a guard (run before the handler) could not: a request refused with
 * 401/404 spends nothing, and a signed request's caller is known only once its body is read.
 */
@Injectable()
export class CallerRateLimit {
  private readonly limit: number;
  private readonly ttl: number;

  constructor(
    @Inject(getOptionsToken()) options: ThrottlerModuleOptions,
    @Inject(getStorageToken()) private readonly storage: ThrottlerStorage,
    private readonly counters: GatewayCounters,
  ) {
    const throttler = (Array.isArray(options) ? options : options.throttlers).find((t) => t.name === PROXY);
    if (typeof throttler?.limit !== 'number' || typeof throttler.ttl !== 'number')
      throw new Error(`the "${PROXY}" throttler needs a fixed limit and ttl`);
    this.limit = throttler.limit;
    this.ttl = throttler.ttl;
  }

  async take(caller: string): Promise<RateDecision> {
    // the gateway's Redis prefix keeps gateways of different deployments (and test runs) apart
    const key = this.counters.key('rate', caller);
    const r = await this.storage.increment(key, this.ttl, this.limit, this.ttl, PROXY);
    return r.isBlocked ? { allowed: false, retryAfterSeconds: Math.max(1, r.timeToBlockExpire) } : { allowed: true };
  }
}
