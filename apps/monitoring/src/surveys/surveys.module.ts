import { Module } from '@nestjs/common';
import { HouseholdDirectoryModule } from '../household-directory/household-directory.module';
import { CorrectSurvey } from './use-cases/correct-survey.usecase';
import { RecordSurvey } from './use-cases/record-survey.usecase';
import { IncomeLedgerModule, SurveyStoreModule } from './survey-store.module';
import { SurveysController } from './surveys.controller';
import { ThresholdsModule } from '../thresholds/thresholds.module';

@Module({
  imports: [SurveyStoreModule, HouseholdDirectoryModule, ThresholdsModule, IncomeLedgerModule],
  controllers: [SurveysController],
  providers: [RecordSurvey, CorrectSurvey],
})
export class SurveysModule {}
