import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { APP_CONFIG } from '@lib/service-kit';
import { MonitoringConfig } from '../config';
import { HouseholdDirectoryModule } from '../household-directory/household-directory.module';
import { DepartmentFact, DepartmentFactSchema, MemberHash, MemberHashSchema } from './department-fact.schema';
import { DepartmentFactsConsumer } from './department-facts.consumer';
import { DepartmentFactsController } from './department-facts.controller';
import { DepartmentFactsService } from './department-facts.service';
import { DEV_PII_HASH_KEY } from '@lib/crypto';
import { IdNumberHasher } from './id-number-hash';

/** 部门筛查预警: department facts matched to households (see department-facts.service.ts). */
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
    DepartmentFactsService,
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
  exports: [DepartmentFactsService],
})
export class DepartmentFactsModule {}
