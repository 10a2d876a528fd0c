import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { TeamsModule } from '../teams/teams.module';
import { WorkLog, WorkLogSchema } from './work-log.schema';
import { WorkLogsController } from './worklogs.controller';
import { WorkLogsStore } from './worklogs.store';
import { RecordWorkLog } from './use-cases/record-work-log.usecase';

/**
 * 驻村工作日志: members' work logs. Exports `WorkLogsStore` (read-only use: a log placed in the
 * village proves daytime presence to attendance); a new log re-judges its day through teams' port
 * `RejudgeMemberDays` (implemented by attendance).
 */
@Module({
  imports: [MongooseModule.forFeature([{ name: WorkLog.name, schema: WorkLogSchema }]), TeamsModule],
  controllers: [WorkLogsController],
  providers: [WorkLogsStore, RecordWorkLog],
  exports: [WorkLogsStore],
})
export class WorkLogsModule {}
