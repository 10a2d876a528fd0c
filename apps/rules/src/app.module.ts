import { DynamicModule, Module } from '@nestjs/common';
import { PairingsModule } from '@lib/persistence';
import { Topics } from '@lib/contracts';
import { ServiceKitModule } from '@lib/service-kit';
import { migrations } from './migrations';
import { RulesConfig } from './config';
import { RulesModule } from './rules.module';

@Module({})
export class AppModule {
  static register(config: RulesConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceKitModule.forRoot({
          name: 'rules',
          migrations,
          config,
          database: config.MONGO_DB,
          publishes: [Topics.rulesAlerts],
        }),
        RulesModule,
        PairingsModule.withConsumer(),
      ],
    };
  }
}
