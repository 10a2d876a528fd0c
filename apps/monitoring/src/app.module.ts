import { DynamicModule, Module } from '@nestjs/common';
import { Topics } from '@lib/contracts';
import { CollectionsSetup, ServiceKitModule } from '@lib/service-kit';
import { PairingsModule, pairingsFollowerProvider } from '@lib/persistence';
import { migrations } from './migrations';
import { MonitoringConfig } from './config';
import { HouseholdDirectoryModule } from './household-directory/household-directory.module';
import { SurveysModule } from './surveys/surveys.module';
import { IncomeForecastModule } from './income-forecast/income-forecast.module';
import { CoverageModule } from './coverage/coverage.module';
import { ThresholdsModule } from './thresholds/thresholds.module';
import { DepartmentFactsModule } from './department-facts/department-facts.module';
import { FieldSettingsModule } from './field-settings/field-settings';
import { HouseholdsEventsConsumer } from './households-events.consumer';

@Module({})
export class AppModule {
  static register(config: MonitoringConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceKitModule.forRoot({
          name: 'monitoring',
          migrations,
          config,
          database: config.MONGO_DB,
          publishes: [Topics.monitoring],
        }),
        HouseholdDirectoryModule,
        SurveysModule,
        IncomeForecastModule,
        CoverageModule,
        ThresholdsModule,
        DepartmentFactsModule,
        PairingsModule.withConsumer(),
        FieldSettingsModule,
      ],
      controllers: [HouseholdsEventsConsumer],
      // the pairings a paired cadre's scope reads (`npm run replay -- monitoring pairings` switches them over)
      providers: [pairingsFollowerProvider(CollectionsSetup)],
    };
  }
}
