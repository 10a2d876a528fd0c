import { Module } from '@nestjs/common';
import { AttendanceModule } from '../attendance/attendance.module';
import { CheckInsModule } from '../checkins/check-ins.module';
import { TeamsModule } from '../teams/teams.module';
import { CheckInsHandler } from './check-ins.handler';
import { IngestCheckIns } from './ingest-check-ins.usecase';
import { AttachUnmatchedCheckIns } from './attach-unmatched-check-ins.usecase';

@Module({
  imports: [TeamsModule, CheckInsModule, AttendanceModule],
  controllers: [CheckInsHandler],
  providers: [IngestCheckIns, AttachUnmatchedCheckIns],
  exports: [IngestCheckIns, AttachUnmatchedCheckIns],
})
export class IngestionModule {}
