import { Body, Controller, Get, HttpCode, HttpException, Inject, Ip, Post } from '@nestjs/common';
import { Caller, Principal, Public, Role, Roles, unauthorized } from '@lib/auth';
import { Refuses, ZodValidationPipe } from '@lib/service-kit';
import { GATEWAY_CONFIG, GatewayConfig } from '../config';
import { burnPasswordCheck, verifyPassword } from '../users/domain/passwords';
import { User } from '../users/users.schema';
import { UsersStore } from '../users/users.store';
import { LoginBody, RefreshBody } from './sessions.dto';
import { GatewayCounters } from './gateway-redis';
import { Revoker } from './use-cases/revoke-tokens.usecase';
import { SessionsStore } from './sessions.store';
import { TokenIssuer } from './token-issuer';

const principalOf = (u: User): Omit<Principal, 'jti'> => ({
  sub: u._id,
  kind: 'user',
  name: u.username,
  grants: u.roles,
});

const tooMany = (retryAfter: number) =>
  new HttpException(
    {
      statusCode: 429,
      error: 'Too Many Requests',
      message: `登录失败次数过多，请稍后再试 (too many failed sign-ins; retry in ${retryAfter} s)`,
    },
    429,
  );

/** Sign-in, token refresh (rotating), sign-out (revokes), and who am I. */
@Controller('api/v1/auth')
export class AuthController {
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
  @Post('login')
  @HttpCode(200)
  @Public()
  @Refuses(401, '用户名或密码错误，或账号已停用 (wrong credentials or a disabled account)')
  async login(@Body(new ZodValidationPipe(LoginBody)) body: LoginBody, @Ip() ip: string) {
    const c = this.config;
    const byUser = this.counters.key('login-fail', 'user', body.username);
    const byIp = this.counters.key('login-fail', 'ip', ip);
    if (
      (await this.counters.count(byUser)) >= c.LOGIN_MAX_FAILURES ||
      (await this.counters.count(byIp)) >= c.LOGIN_MAX_FAILURES * 20
    )
      throw tooMany(c.LOGIN_LOCK_SECONDS);
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
  @Post('refresh')
  @HttpCode(200)
  @Public()
  @Refuses(401, '刷新令牌无效、过期或已吊销 (invalid, expired or revoked refresh token)')
  async refresh(@Body(new ZodValidationPipe(RefreshBody)) body: RefreshBody) {
    const spent = await this.sessions.spend(body.refreshToken);
    if (!spent) throw unauthorized();
    const user = await this.users.byIdForSession(spent.userId);
    if (!user || user.disabled) throw unauthorized();
    return this.tokens(user, spent.familyId);
  }

  /**
   * Revokes the session: its refresh tokens, and the access token used here — refused by the gateway
   * at once (Redis) and by every app once session.revoked.v1 (published through the outbox) arrives.
   */
  @Post('logout')
  @HttpCode(204)
  @Roles(...Role.options)
  async logout(
    @Caller() caller: Principal,
    @Body(new ZodValidationPipe(RefreshBody.partial())) body: Partial<RefreshBody>,
  ) {
    const family = body.refreshToken ? await this.sessions.revokeFamilyOf(body.refreshToken) : null;
    await this.revoker.token(caller, family?.familyId ?? null);
  }

  @Get('me')
  @Roles(...Role.options)
  async me(@Caller() caller: Principal) {
    if (await this.counters.isRevoked(caller)) throw unauthorized();
    return { id: caller.sub, kind: caller.kind, username: caller.name, roles: caller.grants };
  }
}

/** The public key (JWKS), for apps or third parties that verify tokens by URL. */
@Controller('.well-known')
export class JwksController {
  constructor(private readonly issuer: TokenIssuer) {}

  @Get('jwks.json')
  @Public()
  jwks() {
    return { keys: [this.issuer.publicJwk] };
  }
}
