import { Module } from '@nestjs/common';
import { AttendanceModule } from '../attendance/attendance.module';
import { TeamsController } from './teams.controller';
import { TeamsModule } from './teams.module';
import { ManageTeams } from './teams.usecases';

/** Teams and members API; a change of geofence, hours or posting re-judges the attendance it affects. */
@Module({
  imports: [TeamsModule, AttendanceModule],
  controllers: [TeamsController],
  providers: [ManageTeams],
})
export class TeamsApiModule {}
