import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { WorkLog, WorkLogSchema } from './work-log.schema';
import { WorkLogsRepository } from './work-logs.repository';

/** The work-log store (attendance reads it); the API is WorkLogsApiModule. */
@Module({
  imports: [MongooseModule.forFeature([{ name: WorkLog.name, schema: WorkLogSchema }])],
  providers: [WorkLogsRepository],
  exports: [WorkLogsRepository],
})
export class WorkLogsModule {}
