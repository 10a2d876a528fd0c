import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { CheckInsModule } from '../checkins/check-ins.module';
import { TeamsModule } from '../teams/teams.module';
import { WorkLogsModule } from '../worklogs/work-logs.module';
import { LeavesModule } from '../leaves/leaves.module';
import { VisitsModule } from '../visits/visits.module';
import { CalendarModule } from '../calendar/calendar.module';
import { AttendanceDayDoc, AttendanceDaySchema } from './attendance-day.schema';
import { AttendanceController } from './attendance.controller';
import { AttendanceMonth } from './attendance-month.usecase';
import { CloseDays, DailyClose } from './close-days.usecase';
import { AttendanceRepository } from './attendance.repository';
import { RecomputeAttendance } from './recompute-attendance.usecase';
import { AttendanceLedger } from './attendance-ledger';

@Module({
  imports: [
    MongooseModule.forFeature([{ name: AttendanceDayDoc.name, schema: AttendanceDaySchema }]),
    CheckInsModule,
    TeamsModule,
    WorkLogsModule,
    LeavesModule,
    VisitsModule,
    CalendarModule,
  ],
  controllers: [AttendanceController],
  providers: [
    AttendanceRepository,
    AttendanceLedger,
    RecomputeAttendance,
    AttendanceMonth,
    CloseDays,
    DailyClose,
  ],
  exports: [RecomputeAttendance, AttendanceLedger],
})
export class AttendanceModule {}
