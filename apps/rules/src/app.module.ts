import { DynamicModule, Module } from '@nestjs/common';
import { PairingsModule, pairingsFollowerProvider } from '@lib/persistence';
import { Topics } from '@lib/contracts';
import { CollectionsSetup, ServiceKitModule } from '@lib/service-kit';
import { migrations } from './migrations';
import { RulesConfig } from './config';
import { AlertsModule } from './alerts/alerts.module';
import { CareVisitsModule } from './care-visits/care-visits.module';
import { EvaluationModule } from './evaluation/evaluation.module';
import { ResidentRequestsModule } from './resident-requests/resident-requests.module';
import { RuleBookModule } from './rules/rules.module';
import { ScheduleModule } from './schedule/schedule.module';
import { StorageInit } from './storage-init';
import { ThresholdsModule } from './thresholds/thresholds.module';

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
        // a module per feature; their controllers' routes in the order the old single module listed them
        AlertsModule,
        ScheduleModule,
        RuleBookModule,
        ThresholdsModule,
        EvaluationModule,
        ResidentRequestsModule,
        CareVisitsModule,
        PairingsModule.withConsumer(),
      ],
      // the collections and the first rule book and lines, before the consumers start
      providers: [
        StorageInit,
        // the pairings a paired cadre's scope reads (`npm run replay -- rules pairings` switches them over)
        pairingsFollowerProvider(CollectionsSetup),
      ],
    };
  }
}
