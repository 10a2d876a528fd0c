import { Module } from '@nestjs/common';
import { AttendanceModule } from '../attendance/attendance.module';
import { TeamsModule } from '../teams/teams.module';
import { LeavesController } from './leaves.controller';
import { LeavesModule } from './leaves.module';
import { ManageLeaves } from './leaves.usecases';

@Module({
  imports: [LeavesModule, AttendanceModule, TeamsModule],
  controllers: [LeavesController],
  providers: [ManageLeaves],
})
export class LeavesApiModule {}
