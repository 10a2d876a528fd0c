import { Module } from '@nestjs/common';
import { AttendanceModule } from '../attendance/attendance.module';
import { TeamsModule } from '../teams/teams.module';
import { RecordVisits, VisitsHandler } from './visits.handler';
import { VisitsModule } from './visits.module';

@Module({
  imports: [VisitsModule, AttendanceModule, TeamsModule],
  controllers: [VisitsHandler],
  providers: [RecordVisits],
})
export class VisitsHandlerModule {}
