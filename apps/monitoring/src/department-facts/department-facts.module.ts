import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { APP_CONFIG } from '@lib/service-kit';
import { MonitoringConfig } from '../config';
import { HouseholdDirectoryModule } from '../household-directory/household-directory.module';
import { DepartmentFact, DepartmentFactSchema, MemberHash, MemberHashSchema } from './department-fact.schema';
import { DepartmentFactsConsumer } from './department-facts.consumer';
import { DepartmentFactsController } from './department-facts.controller';
import { DepartmentFactsStore } from './department-facts.store';
import { IndexMembers } from './use-cases/index-members.usecase';
import { IntakeFacts } from './use-cases/intake-facts.usecase';
import { ListFacts } from './use-cases/list-facts.usecase';
import { DEV_PII_HASH_KEY } from '@lib/crypto';
import { IdNumberHasher } from './id-number-hash';
import { MemberIndex } from './member-index.store';
import { MemberIndexPointer } from '../replay/member-index-pointer';

/** 部门筛查预警: department facts matched to households (see use-cases/intake-facts.usecase.ts). */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: DepartmentFact.name, schema: DepartmentFactSchema },
      { name: MemberHash.name, schema: MemberHashSchema },
    ]),
    HouseholdDirectoryModule,
  ],
  controllers: [DepartmentFactsController, DepartmentFactsConsumer],
  providers: [
    DepartmentFactsStore,
    IntakeFacts,
    IndexMembers,
    MemberIndex,
    MemberIndexPointer,
    ListFacts,
    {
      provide: IdNumberHasher,
      inject: [APP_CONFIG],
      useFactory: (c: MonitoringConfig) => {
        if (c.NODE_ENV === 'production' && c.PII_HASH_KEY === DEV_PII_HASH_KEY)
          throw new Error(
            "Invalid configuration:\n  PII_HASH_KEY: production needs its own key (the households app's PII_HASH_KEY)",
          );
        return new IdNumberHasher(c.PII_HASH_KEY);
      },
    },
  ],
  exports: [IndexMembers],
})
export class DepartmentFactsModule {}
