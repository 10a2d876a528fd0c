import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { LifecycleController } from '../lifecycle/lifecycle.controller';
import { LifecycleTransitionsRepository } from '../lifecycle/lifecycle-transitions.repository';
import { TransitionLifecycle } from '../lifecycle/transition-lifecycle.usecase';
import { RecordedFacts, RecordedFactsConsumer } from '../lifecycle/recorded-facts';
import { ActiveMembershipsRepository } from '../personal-data/active-memberships.repository';
import { PersonalDataController } from '../personal-data/personal-data.controller';
import { PersonalDataReadsRepository } from '../personal-data/personal-data-reads.repository';
import { piiCipherProvider } from '../personal-data/pii-cipher.provider';
import { Household, HouseholdSchema } from './household.schema';
import { HouseholdsController } from './households.controller';
import { HouseholdsRepository } from './households.repository';
import { RegisterHousehold } from './register-household.usecase';
import { ChangeHousehold } from './change-household.usecase';
import { LedgerController } from '../ledger/ledger.controller';
import { AssistanceController } from '../assistance/assistance.controller';
import { AssistanceRepository } from '../assistance/assistance.repository';
import { OrgUnitsController } from '../org-units/org-units.controller';
import { OrgUnitsRepository } from '../org-units/org-units.repository';
import { ImportLedger } from '../ledger/import-ledger.usecase';
import { ClosureController } from '../closure/closure.controller';
import { CloseHousehold } from '../closure/use-cases/close-household.usecase';
import { CareRosterController } from '../care-roster/care-roster.controller';
import { CareRosterRepository } from '../care-roster/care-roster.repository';
import { CareRoster } from '../care-roster/care-roster.usecases';

@Module({
  imports: [MongooseModule.forFeature([{ name: Household.name, schema: HouseholdSchema }])],
  controllers: [
    HouseholdsController,
    PersonalDataController,
    LifecycleController,
    LedgerController,
    AssistanceController,
    OrgUnitsController,
    RecordedFactsConsumer,
    ClosureController,
    CareRosterController,
  ],
  providers: [
    HouseholdsRepository,
    RegisterHousehold,
    ChangeHousehold,
    ImportLedger,
    AssistanceRepository,
    OrgUnitsRepository,
    ActiveMembershipsRepository,
    PersonalDataReadsRepository,
    piiCipherProvider,
    TransitionLifecycle,
    LifecycleTransitionsRepository,
    RecordedFacts,
    CloseHousehold,
    CareRosterRepository,
    CareRoster,
  ],
})
export class HouseholdsModule {}
