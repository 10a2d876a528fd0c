import { Body, Controller, Get, HttpCode, Ip, Post } from '@nestjs/common';
import { Caller, Principal, Public, Role, Roles } from '@lib/auth';
import { Refuses, ZodValidationPipe } from '@lib/service-kit';
import { LoginBody, RefreshBody } from './sessions.dto';
import { TokenIssuer } from './token-issuer';
import { SignIn } from './use-cases/sign-in.usecase';

/** Sign-in, token refresh (rotating), sign-out (revokes), and who am I. */
@Controller('api/v1/auth')
export class AuthController {
  constructor(private readonly signIn: SignIn) {}

  /** Throttled per user name and per address: after LOGIN_MAX_FAILURES failures, 429 until the lock ends. */
  @Post('login')
  @HttpCode(200)
  @Public()
  @Refuses(401, '用户名或密码错误，或账号已停用 (wrong credentials or a disabled account)')
  login(@Body(new ZodValidationPipe(LoginBody)) body: LoginBody, @Ip() ip: string) {
    return this.signIn.login(body, ip);
  }

  /** Spends the refresh token and returns a new pair; a reused refresh token revokes its whole family. */
  @Post('refresh')
  @HttpCode(200)
  @Public()
  @Refuses(401, '刷新令牌无效、过期或已吊销 (invalid, expired or revoked refresh token)')
  refresh(@Body(new ZodValidationPipe(RefreshBody)) body: RefreshBody) {
    return this.signIn.refresh(body.refreshToken);
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
    await this.signIn.logout(caller, body.refreshToken);
  }

  @Get('me')
  @Roles(...Role.options)
  me(@Caller() caller: Principal) {
    return this.signIn.me(caller);
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
