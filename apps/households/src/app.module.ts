import { DynamicModule, Module } from '@nestjs/common';
import { Topics } from '@lib/contracts';
import { ServiceKitModule } from '@lib/service-kit';
import { HouseholdsConfig } from './config';
import { HouseholdsModule } from './households/households.module';

@Module({})
export class AppModule {
  static register(config: HouseholdsConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceKitModule.forRoot({
          name: 'households',
          config,
          database: config.MONGO_DB,
          publishes: [Topics.households],
        }),
        HouseholdsModule,
      ],
    };
  }
}
