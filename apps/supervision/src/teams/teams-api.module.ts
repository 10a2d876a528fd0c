import { Module } from '@nestjs/common';
import { AttendanceModule } from '../attendance/attendance.module';
import { IngestionModule } from '../ingestion/ingestion.module';
import { TeamsController } from './teams.controller';
import { TeamsModule } from './teams.module';
import { ManageTeams } from './teams.usecases';

/**
 * Teams and members API; a change of geofence, hours or posting re-judges the attendance it affects,
 * and a new member or DingTalk mapping takes over the check-ins kept aside for them.
 */
@Module({
  imports: [TeamsModule, AttendanceModule, IngestionModule],
  controllers: [TeamsController],
  providers: [ManageTeams],
})
export class TeamsApiModule {}
