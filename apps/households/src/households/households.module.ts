import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { LifecycleController } from '../lifecycle/lifecycle.controller';
import { LifecycleTransitionsRepository } from '../lifecycle/lifecycle-transitions.repository';
import { TransitionLifecycle } from '../lifecycle/transition-lifecycle.usecase';
import { ActiveMembershipsRepository } from '../personal-data/active-memberships.repository';
import { PersonalDataController } from '../personal-data/personal-data.controller';
import { PersonalDataReadsRepository } from '../personal-data/personal-data-reads.repository';
import { piiCipherProvider } from '../personal-data/pii-cipher.provider';
import { Household, HouseholdSchema } from './household.schema';
import { HouseholdsController } from './households.controller';
import { HouseholdsRepository } from './households.repository';
import { RegisterHousehold } from './register-household.usecase';

@Module({
  imports: [MongooseModule.forFeature([{ name: Household.name, schema: HouseholdSchema }])],
  controllers: [HouseholdsController, PersonalDataController, LifecycleController],
  providers: [
    HouseholdsRepository,
    RegisterHousehold,
    ActiveMembershipsRepository,
    PersonalDataReadsRepository,
    piiCipherProvider,
    TransitionLifecycle,
    LifecycleTransitionsRepository,
  ],
})
export class HouseholdsModule {}
