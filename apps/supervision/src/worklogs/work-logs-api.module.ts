import { Module } from '@nestjs/common';
import { AttendanceModule } from '../attendance/attendance.module';
import { TeamsModule } from '../teams/teams.module';
import { RecordWorkLog } from './record-work-log.usecase';
import { WorkLogsController } from './work-logs.controller';
import { WorkLogsModule } from './work-logs.module';

@Module({
  imports: [WorkLogsModule, AttendanceModule, TeamsModule],
  controllers: [WorkLogsController],
  providers: [RecordWorkLog],
})
export class WorkLogsApiModule {}
