import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { HouseholdDirectoryModule } from '../household-directory/household-directory.module';
import { RecordSurvey } from './record-survey.usecase';
import { Survey, SurveySchema } from './survey.schema';
import { SurveysController } from './surveys.controller';
import { SurveysRepository } from './surveys.repository';

@Module({
  imports: [
    MongooseModule.forFeature([{ name: Survey.name, schema: SurveySchema }]),
    HouseholdDirectoryModule,
  ],
  controllers: [SurveysController],
  providers: [SurveysRepository, RecordSurvey],
})
export class SurveysModule {}
