import { DynamicModule, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { PATH_METADATA } from '@nestjs/common/constants';
import { MongooseModule } from '@nestjs/mongoose';
import { Redis } from 'ioredis';
import { Topics } from '@lib/contracts';
import { activeKeyIdOf, KeyRing } from '@lib/crypto';
import { REDIS_CONNECTION, ServiceKitModule } from '@lib/service-kit';
import { AuditController } from './audit/audit.controller';
import { ConsoleModule } from './console/console.module';
import { AuditEntry, AuditEntrySchema } from './audit/audit-entry.schema';
import { AuditRepository } from './audit/audit.repository';
import { OwnApiAuditMiddleware } from './audit/own-api-audit.middleware';
import { GATEWAY_CONFIG, GatewayConfig } from './config';
import { ApiKey, ApiKeySchema } from './integrations/api-key.schema';
import { ApiKeysRepository } from './integrations/api-keys.repository';
import { IntegrationClientsController } from './integrations/integration-clients.controller';
import { CallerRateLimit, proxyThrottlerModule } from './proxy/caller-rate-limit';
import { ProxyController } from './proxy/proxy.controller';
import { RouteTableService } from './proxy/route-table.service';
import { AuthController, JwksController } from './sessions/auth.controller';
import { GatewayCounters } from './sessions/gateway-redis';
import { RefreshToken, RefreshTokenSchema } from './sessions/refresh-token.schema';
import { RevocationsRepository } from './sessions/revocations.repository';
import { Revoker } from './sessions/revoker';
import { RevokedToken, RevokedTokenSchema } from './sessions/revoked-token.schema';
import { SessionsRepository } from './sessions/sessions.repository';
import { TokenIssuer } from './sessions/token-issuer';
import { BootstrapAdmin } from './users/bootstrap-admin';
import { User, UserSchema } from './users/user.schema';
import { UsersController } from './users/users.controller';
import { UsersRepository } from './users/users.repository';

/** The gateway's own API (the proxy's catch-all comes after it: see below). */
export const OWN_CONTROLLERS = [
  AuthController,
  JwksController,
  UsersController,
  IntegrationClientsController,
  AuditController,
];

/** Whether a path is the gateway's own API (its bodies are parsed here; every other /api/v1 body streams to the apps). */
export function isOwnPath(path: string): boolean {
  return OWN_CONTROLLERS.some((c) => {
    const prefix = `/${String(Reflect.getMetadata(PATH_METADATA, c)).replace(/^\/+/, '')}`;
    return path === prefix || path.startsWith(`${prefix}/`) || path.startsWith(`${prefix}?`);
  });
}

@Module({})
export class AppModule implements NestModule {
  /** The gateway's own API is audited as the proxied one is (the proxy writes its entries itself). */
  configure(consumer: MiddlewareConsumer) {
    consumer
      .apply(OwnApiAuditMiddleware)
      .forRoutes(AuthController, UsersController, IntegrationClientsController, AuditController);
  }

  static register(config: GatewayConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceKitModule.forRoot({
          name: 'gateway',
          config,
          database: config.MONGO_DB,
          publishes: [Topics.sessions],
          providers: [
            { provide: GATEWAY_CONFIG, useValue: config },
            { provide: REDIS_CONNECTION, useFactory: () => new Redis(config.REDIS_URL) },
            {
              provide: KeyRing,
              useFactory: () =>
                new KeyRing(
                  config.GATEWAY_SECRET_KEYS,
                  activeKeyIdOf(config.GATEWAY_SECRET_KEYS, config.GATEWAY_SECRET_ACTIVE_KEY_ID),
                ),
            },
          ],
        }),
        ConsoleModule.register(),
        proxyThrottlerModule(config),
        MongooseModule.forFeature([
          { name: User.name, schema: UserSchema },
          { name: RefreshToken.name, schema: RefreshTokenSchema },
          { name: RevokedToken.name, schema: RevokedTokenSchema },
          { name: ApiKey.name, schema: ApiKeySchema },
          { name: AuditEntry.name, schema: AuditEntrySchema },
        ]),
      ],
      // the proxy's catch-all comes last, after the gateway's own routes
      controllers: [...OWN_CONTROLLERS, ProxyController],
      providers: [
        UsersRepository,
        SessionsRepository,
        RevocationsRepository,
        Revoker,
        ApiKeysRepository,
        AuditRepository,
        TokenIssuer,
        GatewayCounters,
        CallerRateLimit,
        RouteTableService,
        BootstrapAdmin,
      ],
    };
  }
}
