import { Module } from '@nestjs/common';
import { HouseholdDirectoryModule } from '../household-directory/household-directory.module';
import { HouseholdIncomeModule } from '../household-income/household-income.module';
import { CorrectSurvey } from './correct-survey.usecase';
import { RecordSurvey } from './record-survey.usecase';
import { SurveyStoreModule } from './survey-store.module';
import { SurveysRepository } from './surveys.repository';
import { SurveysController } from './surveys.controller';
import { ThresholdsModule } from '../thresholds/thresholds.module';

@Module({
  imports: [
    SurveyStoreModule,
    HouseholdDirectoryModule,
    ThresholdsModule,
    HouseholdIncomeModule.fedBy({ module: SurveyStoreModule, facts: SurveysRepository }),
  ],
  controllers: [SurveysController],
  providers: [RecordSurvey, CorrectSurvey],
})
export class SurveysModule {}
