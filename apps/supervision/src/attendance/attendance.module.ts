import { Global, Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { TeamsModule } from '../teams/teams.module';
import { RejudgeMemberDays } from '../teams/teams.ports';
import { CalendarModule } from '../calendar/calendar.module';
import { CheckInsModule } from '../checkins/checkins.module';
import { LeavesModule } from '../leaves/leaves.module';
import { VisitsModule } from '../visits/visits.module';
import { WorkLogsModule } from '../worklogs/worklogs.module';
import { AttendanceDayDoc, AttendanceDaySchema } from './attendance-day.schema';
import { AttendanceController } from './attendance.controller';
import { AttendanceStore } from './attendance.store';
import { AttendanceLedger } from './attendance-ledger';
import { AttendanceMonth } from './use-cases/attendance-month.usecase';
import { CloseDays, DailyClose } from './use-cases/close-days.usecase';
import { RecomputeAttendance } from './use-cases/recompute-attendance.usecase';

/**
 * 驻村考勤: a member's attendance days, judged from the facts the features it depends on keep
 * (check-ins, work logs, visits, leaves, the working calendar, the roster), read through what
 * their modules export. The dependency runs one way: those features re-judge the member-days a
 * change names through teams' port `RejudgeMemberDays`, which this module implements
 * (RecomputeAttendance) and provides to the whole app (global: the features that use the port
 * need not import this module, which imports theirs). Ingestion writes check-ins through the
 * exported `RecomputeAttendance` and `AttendanceLedger` (the pipeline's days in memory).
 */
@Global()
@Module({
  imports: [
    MongooseModule.forFeature([{ name: AttendanceDayDoc.name, schema: AttendanceDaySchema }]),
    TeamsModule,
    CalendarModule,
    CheckInsModule,
    LeavesModule,
    VisitsModule,
    WorkLogsModule,
  ],
  controllers: [AttendanceController],
  providers: [
    AttendanceStore,
    AttendanceLedger,
    RecomputeAttendance,
    { provide: RejudgeMemberDays, useExisting: RecomputeAttendance },
    AttendanceMonth,
    CloseDays,
    DailyClose,
  ],
  exports: [RecomputeAttendance, AttendanceLedger, RejudgeMemberDays],
})
export class AttendanceModule {}
