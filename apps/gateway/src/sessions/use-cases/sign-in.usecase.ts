import { HttpException, Inject, Injectable } from '@nestjs/common';
import { Principal, unauthorized } from '@lib/auth';
import { GATEWAY_CONFIG, GatewayConfig } from '../../config';
import { burnPasswordCheck, verifyPassword } from '../../users/domain/passwords';
import { User } from '../../users/users.schema';
import { UsersStore } from '../../users/users.store';
import { principalOf, signInLocked } from '../domain/sign-in';
import { LoginBody } from '../sessions.dto';
import { GatewayCounters } from '../gateway-redis';
import { SessionsStore } from '../sessions.store';
import { TokenIssuer } from '../token-issuer';
import { Revoker } from './revoke-tokens.usecase';

const tooMany = (retryAfter: number) =>
  new HttpException(
    {
      statusCode: 429,
      error: 'Too Many Requests',
      message: `登录失败次数过多，请稍后再试 (too many failed sign-ins; retry in ${retryAfter} s)`,
    },
    429,
  );

/** Sign-in, token refresh (rotating) and sign-out (revokes): a session is a family of refresh tokens. */
@Injectable()
export class SignIn {
  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    private readonly users: UsersStore,
    private readonly sessions: SessionsStore,
    private readonly issuer: TokenIssuer,
    private readonly counters: GatewayCounters,
    private readonly revoker: Revoker,
  ) {}

  private async tokens(user: User, familyId?: string) {
    const access = await this.issuer.issue(principalOf(user));
    const refreshToken = await this.sessions.issue(user._id, this.config.REFRESH_TOKEN_TTL_SECONDS, familyId);
    return {
      tokenType: 'Bearer',
      accessToken: access.token,
      expiresIn: this.config.ACCESS_TOKEN_TTL_SECONDS,
      refreshToken,
      refreshExpiresIn: this.config.REFRESH_TOKEN_TTL_SECONDS,
      user: { id: user._id, username: user.username, displayName: user.displayName, roles: user.roles },
    };
  }

  /** Throttled per user name and per address: after LOGIN_MAX_FAILURES failures, 429 until the lock ends. */
  async login(body: LoginBody, ip: string) {
    const c = this.config;
    const byUser = this.counters.key('login-fail', 'user', body.username);
    const byIp = this.counters.key('login-fail', 'ip', ip);
    const failures = { byUser: await this.counters.count(byUser), byIp: 0 };
    // the address is read only while the user name is not locked
    if (!signInLocked(failures, c.LOGIN_MAX_FAILURES)) failures.byIp = await this.counters.count(byIp);
    if (signInLocked(failures, c.LOGIN_MAX_FAILURES)) throw tooMany(c.LOGIN_LOCK_SECONDS);
    const user = await this.users.byUsername(body.username);
    const ok = user
      ? !user.disabled && (await verifyPassword(body.password, user.passwordHash))
      : await burnPasswordCheck(body.password);
    if (!ok || !user) {
      await this.counters.hit(byUser, c.LOGIN_LOCK_SECONDS);
      await this.counters.hit(byIp, c.LOGIN_LOCK_SECONDS);
      throw unauthorized();
    }
    await this.counters.redis.del(byUser);
    return this.tokens(user);
  }

  /** Spends the refresh token and returns a new pair; a reused refresh token revokes its whole family. */
  async refresh(refreshToken: string) {
    const spent = await this.sessions.spend(refreshToken);
    if (!spent) throw unauthorized();
    const user = await this.users.byIdForSession(spent.userId);
    if (!user || user.disabled) throw unauthorized();
    return this.tokens(user, spent.familyId);
  }

  /**
   * Revokes the session: its refresh tokens, and the access token used here — refused by the gateway
   * at once (Redis) and by every app once session.revoked.v1 (published through the outbox) arrives.
   */
  async logout(caller: Principal, refreshToken: string | undefined) {
    const family = refreshToken ? await this.sessions.revokeFamilyOf(refreshToken) : null;
    await this.revoker.token(caller, family?.familyId ?? null);
  }

  /** Who am I: refused once the token is revoked. */
  async me(caller: Principal) {
    if (await this.counters.isRevoked(caller)) throw unauthorized();
    return { id: caller.sub, kind: caller.kind, username: caller.name, roles: caller.grants };
  }
}
