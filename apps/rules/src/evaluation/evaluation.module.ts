import { Module } from '@nestjs/common';
import { AlertsModule } from '../alerts/alerts.module';
import { RuleBookModule } from '../rules/rules.module';
import { SubjectsModule } from '../subjects/subjects.module';
import { ThresholdsModule } from '../thresholds/thresholds.module';
import { SubjectsPointer } from '../replay/subjects-pointer';
import { EvaluationConsumer } from './evaluation.consumer';
import { HeldSubjects } from './held-subjects';
import { EvaluateDaily } from './use-cases/evaluate-daily.usecase';
import { EvaluateEvents } from './use-cases/evaluate-events.usecase';

/** The rules run on the subjects' events (per batch, by the partition's owner) and once a day. */
@Module({
  imports: [SubjectsModule, AlertsModule, ThresholdsModule, RuleBookModule],
  controllers: [EvaluationConsumer],
  // the read-model pointer a replay switches: it drops the subjects this instance holds
  providers: [HeldSubjects, SubjectsPointer, EvaluateEvents, EvaluateDaily],
  exports: [EvaluateDaily],
})
export class EvaluationModule {}
