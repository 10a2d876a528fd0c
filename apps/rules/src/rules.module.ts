import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { Alert, AlertSchema } from './alerts/alert.schema';
import { AlertsController } from './alerts/alerts.controller';
import { AlertsRepository } from './alerts/alerts.repository';
import { Evaluation } from './evaluation/evaluation';
import { EvaluationConsumer } from './evaluation/evaluation.consumer';
import {
  RuleVersionDoc,
  RuleVersionDocSchema,
  RuleVersionsRepository,
} from './rules/rule-versions.repository';
import { RulesController } from './rules/rules.controller';
import { RequestDeadlinesConsumer } from './resident-requests/request-deadlines.consumer';
import { ScheduleRun, ScheduleRunSchema, Scheduler, SchedulerController } from './schedule/scheduler';
import { StorageInit } from './storage-init';
import { CareVisitsConsumer } from './care-visits/care-visits.consumer';
import { CareRosterStore } from './care-visits/care-roster.store';
import { CareOverduePass } from './care-visits/care-overdue.pass';
import { SubjectsStore, SubjectVersion, SubjectVersionSchema } from './subjects/subjects.store';
import { HeldSubjects } from './evaluation/held-subjects';
import { SubjectsPointer } from './replay/subjects-pointer';
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
      { name: SubjectVersion.name, schema: SubjectVersionSchema },
      { name: ThresholdRow.name, schema: ThresholdRowSchema },
      { name: RuleVersionDoc.name, schema: RuleVersionDocSchema },
      { name: ScheduleRun.name, schema: ScheduleRunSchema },
    ]),
  ],
  controllers: [
    AlertsController,
    SchedulerController,
    RulesController,
    ThresholdsController,
    EvaluationConsumer,
    RequestDeadlinesConsumer,
    CareVisitsConsumer,
  ],
  providers: [
    AlertsRepository,
    SubjectsStore,
    HeldSubjects,
    SubjectsPointer,
    ThresholdsRepository,
    RuleVersionsRepository,
    Evaluation,
    StorageInit,
    Scheduler,
    CareRosterStore,
    CareOverduePass,
  ],
})
export class RulesModule {}
