import { DynamicModule, Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { GatewayConfig } from '../config';
import { IntegrationsModule } from '../integrations/integrations.module';
import { SessionsModule } from '../sessions/sessions.module';
import { CallerRateLimit, proxyThrottlerModule } from './caller-rate-limit';
import { ProxyController } from './proxy.controller';
import { RouteTableService } from './route-table.service';

/**
 * 路由转发: every other /api/v1 path to the app that declares it. Its catch-all must come after the
 * gateway's own routes: the app module imports it after every other feature.
 */
@Module({})
export class ProxyModule {
  static register(config: GatewayConfig): DynamicModule {
    return {
      module: ProxyModule,
      imports: [AuditModule, IntegrationsModule, SessionsModule, proxyThrottlerModule(config)],
      controllers: [ProxyController],
      providers: [CallerRateLimit, RouteTableService],
    };
  }
}
