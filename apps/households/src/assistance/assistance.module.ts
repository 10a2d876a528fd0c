import { Module } from '@nestjs/common';
import { CareRosterModule } from '../care-roster/care-roster.module';
import { HouseholdsModule } from '../households/households.module';
import { AssistanceController } from './assistance.controller';
import { AssistanceStore } from './assistance.store';
import { AddPlanMeasure } from './use-cases/add-plan-measure.usecase';
import { CompletePlanMeasure } from './use-cases/complete-plan-measure.usecase';
import { PairCarer } from './use-cases/pair-carer.usecase';
import { ReadAssistance } from './use-cases/read-assistance.usecase';
import { RecordCareVisit } from './use-cases/record-care-visit.usecase';
import { RecordRelocation } from './use-cases/record-relocation.usecase';

/** 一户一策, 关爱服务 pairings and 搬迁 records of a household. */
@Module({
  imports: [HouseholdsModule, CareRosterModule],
  controllers: [AssistanceController],
  providers: [
    AssistanceStore,
    ReadAssistance,
    AddPlanMeasure,
    CompletePlanMeasure,
    PairCarer,
    RecordCareVisit,
    RecordRelocation,
  ],
})
export class AssistanceModule {}
