import { Inject, Injectable } from '@nestjs/common';
import { Principal } from '@lib/auth';
import { GATEWAY_CONFIG, GatewayConfig } from '../../config';
import { GatewayCounters } from '../gateway-redis';
import { RevocationsStore } from '../revocations.store';

/**
 * Revokes access tokens before they expire, everywhere: the gateway refuses them at once (Redis), the
 * apps once session.revoked.v1 (stored with the revocation, relayed by the outbox) reaches them.
 */
@Injectable()
export class Revoker {
  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    private readonly counters: GatewayCounters,
    private readonly revocations: RevocationsStore,
  ) {}

  /** Sign-out: the caller's own access token. */
  async token(caller: Principal, sessionId: string | null, now = new Date()): Promise<void> {
    if (!caller.jti) return;
    // the token's own expiry is at most one lifetime from now
    const expiresAt = Math.floor(now.getTime() / 1000) + this.config.ACCESS_TOKEN_TTL_SECONDS;
    await this.revocations.record({
      _id: caller.jti,
      jti: caller.jti,
      userId: caller.sub,
      sessionId,
      reason: 'logout',
      expiresAt: new Date(expiresAt * 1000),
      revokedAt: now,
    });
    await this.counters.revokeAccessToken(caller.jti, expiresAt);
  }

  /** A user disabled or given other roles: every access token they hold now. */
  async user(userId: string, reason: 'user-disabled' | 'roles-changed', now = new Date()): Promise<void> {
    const ttl = this.config.ACCESS_TOKEN_TTL_SECONDS;
    await this.revocations.record({
      _id: `user:${userId}:${now.getTime()}`,
      jti: null,
      userId,
      sessionId: null,
      reason,
      expiresAt: new Date(now.getTime() + ttl * 1000),
      revokedAt: now,
    });
    await this.counters.revokeUser(userId, now.getTime(), ttl);
  }
}
