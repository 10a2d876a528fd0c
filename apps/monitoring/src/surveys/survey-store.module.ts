import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { HouseholdIncomeModule } from '../household-income/household-income.module';
import { Survey, SurveyRevision, SurveyRevisionSchema, SurveySchema } from './survey.schema';
import { SurveysStore } from './surveys.store';

/** Survey storage, shared by the survey API and the household income (收入台账). */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: Survey.name, schema: SurveySchema },
      { name: SurveyRevision.name, schema: SurveyRevisionSchema },
    ]),
  ],
  providers: [SurveysStore],
  exports: [SurveysStore],
})
export class SurveyStoreModule {}

/** 收入台账, fed by this survey store: one instance, shared by the survey API and the income forecast. */
export const IncomeLedgerModule = HouseholdIncomeModule.fedBy({
  module: SurveyStoreModule,
  facts: SurveysStore,
});
