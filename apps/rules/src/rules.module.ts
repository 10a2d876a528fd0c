import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { Alert, AlertSchema } from './alerts/alert.schema';
import { AlertsController } from './alerts/alerts.controller';
import { AlertsRepository } from './alerts/alerts.repository';
import { AcknowledgeAlert } from './alerts/use-cases/acknowledge-alert.usecase';
import { ResolveAlert } from './alerts/use-cases/resolve-alert.usecase';
import { EvaluateEvents } from './evaluation/use-cases/evaluate-events.usecase';
import { EvaluateDaily } from './evaluation/use-cases/evaluate-daily.usecase';
import { EvaluationConsumer } from './evaluation/evaluation.consumer';
import {
  RuleVersionDoc,
  RuleVersionDocSchema,
  RuleVersionsRepository,
} from './rules/rule-versions.repository';
import { RulesController } from './rules/rules.controller';
import { RequestDeadlinesConsumer } from './resident-requests/request-deadlines.consumer';
import { ScheduleRun, ScheduleRunSchema } from './schedule/schedule-run.schema';
import { Scheduler } from './schedule/scheduler';
import { SchedulerController } from './schedule/schedule.controller';
import { StorageInit } from './storage-init';
import { CareVisitsConsumer } from './care-visits/care-visits.consumer';
import { CareRosterStore } from './care-visits/care-roster.store';
import { CareOverduePass } from './care-visits/care-overdue.pass';
import { SubjectsStore, SubjectVersion, SubjectVersionSchema } from './subjects/subjects.store';
import { HeldSubjects } from './evaluation/held-subjects';
import { SubjectsPointer } from './replay/subjects-pointer';
import { ThresholdRow, ThresholdRowSchema, ThresholdsRepository } from './thresholds/thresholds.repository';
import { ThresholdsController } from './thresholds/thresholds.controller';

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
    AcknowledgeAlert,
    ResolveAlert,
    SubjectsStore,
    HeldSubjects,
    SubjectsPointer,
    ThresholdsRepository,
    RuleVersionsRepository,
    EvaluateEvents,
    EvaluateDaily,
    StorageInit,
    Scheduler,
    CareRosterStore,
    CareOverduePass,
  ],
})
export class RulesModule {}
