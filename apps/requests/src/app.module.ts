import { DynamicModule, Module } from '@nestjs/common';
import { Redis } from 'ioredis';
import { Topics } from '@lib/contracts';
import { REDIS_CONNECTION, ServiceKitModule } from '@lib/service-kit';
import { REQUESTS_CONFIG, RequestsConfig } from './config';
import { DeadlinesModule } from './deadlines/deadlines.module';
import { PublicIntakeModule } from './public-intake/public-intake.module';
import { ResidentRequestsModule } from './resident-requests/resident-requests.module';

@Module({})
export class AppModule {
  static register(config: RequestsConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceKitModule.forRoot({
          name: 'requests',
          config,
          database: config.MONGO_DB,
          publishes: [Topics.requests],
          providers: [
            { provide: REQUESTS_CONFIG, useValue: config },
            { provide: REDIS_CONNECTION, useFactory: () => new Redis(config.REDIS_URL) },
          ],
        }),
        DeadlinesModule,
        ResidentRequestsModule,
        PublicIntakeModule,
      ],
    };
  }
}
