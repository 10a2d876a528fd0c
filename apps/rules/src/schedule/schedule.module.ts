import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { CareVisitsModule } from '../care-visits/care-visits.module';
import { EvaluationModule } from '../evaluation/evaluation.module';
import { ScheduleRun, ScheduleRunSchema } from './schedule-run.schema';
import { SchedulerController } from './schedule.controller';
import { Scheduler } from './scheduler';

/** The daily pass (evaluation and the care roster's overdue visits), run once per day by one instance. */
@Module({
  imports: [
    MongooseModule.forFeature([{ name: ScheduleRun.name, schema: ScheduleRunSchema }]),
    EvaluationModule,
    CareVisitsModule,
  ],
  controllers: [SchedulerController],
  providers: [Scheduler],
})
export class ScheduleModule {}
