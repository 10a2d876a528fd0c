import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { UsersModule } from '../users/users.module';
import { GatewayCounters } from './gateway-redis';
import { RefreshToken, RefreshTokenSchema } from './refresh-token.schema';
import { RevocationsStore } from './revocations.store';
import { RevokedToken, RevokedTokenSchema } from './revoked-token.schema';
import { AuthController, JwksController } from './sessions.controller';
import { SessionsStore } from './sessions.store';
import { TokenIssuer } from './token-issuer';
import { EndUserSessions } from './use-cases/end-user-sessions.usecase';
import { Revoker } from './use-cases/revoke-tokens.usecase';
import { SignIn } from './use-cases/sign-in.usecase';

/** 登录与会话: sign-in, refresh, sign-out, revocations, the token issuer and the gateway's Redis counters. */
@Module({
  imports: [
    UsersModule,
    MongooseModule.forFeature([
      { name: RefreshToken.name, schema: RefreshTokenSchema },
      { name: RevokedToken.name, schema: RevokedTokenSchema },
    ]),
  ],
  controllers: [AuthController, JwksController],
  providers: [
    SessionsStore,
    RevocationsStore,
    Revoker,
    EndUserSessions,
    SignIn,
    TokenIssuer,
    GatewayCounters,
  ],
  exports: [TokenIssuer, GatewayCounters],
})
export class SessionsModule {}
