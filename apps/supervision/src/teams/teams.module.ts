import { Module } from '@nestjs/common';
import { AttendanceModule } from '../attendance/attendance.module';
import { RosterModule } from './roster.module';
import { TeamsController } from './teams.controller';
import { ManageTeams } from './teams.usecases';

/**
 * 驻村工作队 API: teams and members; a change of geofence, hours or posting re-judges the attendance
 * it affects, and a new member or DingTalk mapping takes over the check-ins kept aside for them.
 */
@Module({
  imports: [RosterModule, AttendanceModule],
  controllers: [TeamsController],
  providers: [ManageTeams],
})
export class TeamsModule {}
