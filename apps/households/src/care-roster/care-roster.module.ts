import { Module } from '@nestjs/common';
import { HouseholdsModule } from '../households/households.module';
import { CareRosterController } from './care-roster.controller';
import { CareRosterStore } from './care-roster.store';
import { AddRosterMember } from './use-cases/add-roster-member.usecase';
import { ChangeRosterMember } from './use-cases/change-roster-member.usecase';
import { ReadCareRoster } from './use-cases/read-care-roster.usecase';
import { RecordRosterVisit } from './use-cases/record-roster-visit.usecase';
import { RemoveRosterMember } from './use-cases/remove-roster-member.usecase';
import { RosterViews } from './use-cases/roster-views';
import { SetCareFrequencies } from './use-cases/set-care-frequencies.usecase';

/** 关爱服务名册: the village's roster of people cared for, their carers and visits. */
@Module({
  imports: [HouseholdsModule],
  controllers: [CareRosterController],
  providers: [
    CareRosterStore,
    RosterViews,
    ReadCareRoster,
    AddRosterMember,
    ChangeRosterMember,
    RemoveRosterMember,
    RecordRosterVisit,
    SetCareFrequencies,
  ],
  // the household page's 关爱服务 tab pairs and visits through the roster
  exports: [AddRosterMember, RecordRosterVisit, ReadCareRoster],
})
export class CareRosterModule {}
