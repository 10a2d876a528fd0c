import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { RosterModule } from '../teams/roster.module';
import {
  CheckIn,
  CheckInSchema,
  UnmatchedCheckIn,
  UnmatchedCheckInSchema,
} from '../checkins/check-in.schema';
import { CheckInsController } from '../checkins/check-ins.controller';
import { CheckInsStore } from '../checkins/check-ins.store';
import { CheckInsConsumer } from '../ingestion/check-ins.consumer';
import { IngestCheckIns } from '../ingestion/ingest-check-ins.usecase';
import { AttachUnmatchedCheckIns } from '../ingestion/attach-unmatched-check-ins.usecase';
import { DingTalkController } from '../dingtalk/dingtalk.controller';
import { SignedCheckInsController, SignedRequestVerifier } from '../integrations/signed-check-ins.controller';
import { WorkLog, WorkLogSchema } from '../worklogs/work-log.schema';
import { WorkLogsController } from '../worklogs/work-logs.controller';
import { WorkLogsStore } from '../worklogs/work-logs.store';
import { RecordWorkLog } from '../worklogs/record-work-log.usecase';
import { Leave, LeaveSchema } from '../leaves/leave.schema';
import { LeavesController } from '../leaves/leaves.controller';
import { LeavesStore } from '../leaves/leaves.store';
import { ManageLeaves } from '../leaves/leaves.usecases';
import { Visit, VisitSchema } from '../visits/visit.schema';
import { VisitsStore } from '../visits/visits.store';
import { RecordVisits, VisitsConsumer } from '../visits/visits.consumer';
import { WorkingCalendarDoc, WorkingCalendarSchema } from '../calendar/calendar.schema';
import { CalendarController } from '../calendar/calendar.controller';
import { CalendarStore } from '../calendar/calendar.store';
import { WorkingCalendars } from '../calendar/working-calendars';
import { ChangeCalendar } from '../calendar/change-calendar.usecase';
import { AttendanceDayDoc, AttendanceDaySchema } from './attendance-day.schema';
import { AttendanceController } from './attendance.controller';
import { AttendanceMonth } from './attendance-month.usecase';
import { CloseDays, DailyClose } from './close-days.usecase';
import { AttendanceStore } from './attendance.store';
import { RecomputeAttendance } from './recompute-attendance.usecase';
import { AttendanceLedger } from './attendance-ledger';

/**
 * 驻村考勤: a member's attendance days and every fact they are judged from, each with the way it
 * comes in — check-ins (the raw topic, DingTalk's callback, the signed endpoint; folders checkins,
 * ingestion, dingtalk, integrations), work logs, leaves and official business, monitoring's visits,
 * the working calendar. One module because they are one judgement: a new fact of any kind
 * re-judges the member-days it names (RecomputeAttendance), and the judgement reads them all.
 * It was nine modules, paired (`*-api`, `*-handler`) only to keep the module graph acyclic.
 */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: AttendanceDayDoc.name, schema: AttendanceDaySchema },
      { name: CheckIn.name, schema: CheckInSchema },
      { name: UnmatchedCheckIn.name, schema: UnmatchedCheckInSchema },
      { name: WorkLog.name, schema: WorkLogSchema },
      { name: Leave.name, schema: LeaveSchema },
      { name: Visit.name, schema: VisitSchema },
      { name: WorkingCalendarDoc.name, schema: WorkingCalendarSchema },
    ]),
    RosterModule,
  ],
  controllers: [
    AttendanceController,
    CheckInsController,
    CheckInsConsumer,
    DingTalkController,
    SignedCheckInsController,
    WorkLogsController,
    LeavesController,
    VisitsConsumer,
    CalendarController,
  ],
  providers: [
    AttendanceStore,
    CheckInsStore,
    WorkLogsStore,
    LeavesStore,
    VisitsStore,
    CalendarStore,
    WorkingCalendars,
    AttendanceLedger,
    RecomputeAttendance,
    AttendanceMonth,
    CloseDays,
    DailyClose,
    IngestCheckIns,
    AttachUnmatchedCheckIns,
    SignedRequestVerifier,
    RecordWorkLog,
    ManageLeaves,
    RecordVisits,
    ChangeCalendar,
  ],
  exports: [RecomputeAttendance, AttachUnmatchedCheckIns],
})
export class AttendanceModule {}
