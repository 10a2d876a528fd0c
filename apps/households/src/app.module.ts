import { DynamicModule, Module } from '@nestjs/common';
import { Topics } from '@lib/contracts';
import { ServiceKitModule } from '@lib/service-kit';
import { AssistanceModule } from './assistance/assistance.module';
import { CareRosterModule } from './care-roster/care-roster.module';
import { ClosureModule } from './closure/closure.module';
import { HouseholdsConfig } from './config';
import { HouseholdsModule } from './households/households.module';
import { LedgerModule } from './ledger/ledger.module';
import { migrations } from './migrations';
import { LifecycleModule } from './lifecycle/lifecycle.module';
import { OrgUnitsModule } from './org-units/org-units.module';
import { PersonalDataModule } from './personal-data/personal-data.module';

/** The households app: its features, each a module of its own (the core `households` first). */
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
          migrations,
        }),
        HouseholdsModule,
        PersonalDataModule,
        LifecycleModule,
        LedgerModule,
        AssistanceModule,
        OrgUnitsModule,
        ClosureModule,
        CareRosterModule,
      ],
    };
  }
}
