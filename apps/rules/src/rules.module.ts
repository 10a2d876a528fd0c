import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { Alert, AlertSchema } from './alerts/alert.schema';
import { AlertsController } from './alerts/alerts.controller';
import { AlertsRepository } from './alerts/alerts.repository';
import { EvaluationHandlers, SurveyEvaluation } from './evaluation/survey-evaluation';
import { HouseholdSubject, HouseholdSubjectSchema } from './subjects/household-subject.schema';
import { HouseholdSubjectsRepository } from './subjects/household-subjects.repository';
import {
  ThresholdRow,
  ThresholdRowSchema,
  ThresholdsController,
  ThresholdsRepository,
} from './thresholds/thresholds.repository';

@Module({
  imports: [
    MongooseModule.forFeature([
      { name: Alert.name, schema: AlertSchema },
      { name: HouseholdSubject.name, schema: HouseholdSubjectSchema },
      { name: ThresholdRow.name, schema: ThresholdRowSchema },
    ]),
  ],
  controllers: [AlertsController, ThresholdsController, EvaluationHandlers],
  providers: [AlertsRepository, HouseholdSubjectsRepository, ThresholdsRepository, SurveyEvaluation],
})
export class RulesModule {}
