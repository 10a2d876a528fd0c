import { DynamicModule, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { PATH_METADATA } from '@nestjs/common/constants';
import { Redis } from 'ioredis';
import { Topics } from '@lib/contracts';
import { activeKeyIdOf, KeyRing } from '@lib/crypto';
import { REDIS_CONNECTION, ServiceKitModule } from '@lib/service-kit';
import { AuditController } from './audit/audit.controller';
import { AuditModule } from './audit/audit.module';
import { OwnApiAuditMiddleware } from './audit/own-api-audit.middleware';
import { GATEWAY_CONFIG, GatewayConfig } from './config';
import { ConsoleModule } from './console/console.module';
import { IntegrationClientsController } from './integrations/integrations.controller';
import { IntegrationsModule } from './integrations/integrations.module';
import { ProxyModule } from './proxy/proxy.module';
import { AuthController, JwksController } from './sessions/sessions.controller';
import { SessionsModule } from './sessions/sessions.module';
import { UsersController } from './users/users.controller';
import { UsersModule } from './users/users.module';

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
        UsersModule,
        SessionsModule,
        IntegrationsModule,
        AuditModule,
        // the proxy's catch-all comes last, after the gateway's own routes (modules register in this order)
        ProxyModule.register(config),
      ],
    };
  }
}
