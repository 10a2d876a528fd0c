import { Module } from '@nestjs/common';
import { AttendanceModule } from '../attendance/attendance.module';
import { TeamsModule } from '../teams/teams.module';
import { CalendarController } from './calendar.controller';
import { CalendarModule } from './calendar.module';
import { ChangeCalendar } from './change-calendar.usecase';

@Module({
  imports: [CalendarModule, AttendanceModule, TeamsModule],
  controllers: [CalendarController],
  providers: [ChangeCalendar],
})
export class CalendarApiModule {}
