import { DynamicModule, Module } from '@nestjs/common';
import { Redis } from 'ioredis';
import { Topics } from '@lib/contracts';
import { REDIS_CONNECTION, ServiceKitModule } from '@lib/service-kit';
import { migrations } from './migrations';
import { NotifierConfig } from './config';
import { AlertsModule } from './alerts/alerts.module';
import { DeliveriesModule } from './deliveries/deliveries.module';
import { NOTIFIER_CONFIG } from './notifier.tokens';

@Module({})
export class AppModule {
  static register(config: NotifierConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceKitModule.forRoot({
          name: 'notifier',
          migrations,
          config,
          database: config.MONGO_DB,
          publishes: [Topics.notifier],
          providers: [
            { provide: NOTIFIER_CONFIG, useValue: config },
            {
              provide: REDIS_CONNECTION,
              // BullMQ workers need maxRetriesPerRequest: null (block on Redis rather than fail jobs).
              useFactory: () => new Redis(config.REDIS_URL, { maxRetriesPerRequest: null }),
            },
          ],
        }),
        DeliveriesModule,
        AlertsModule,
      ],
    };
  }
}
