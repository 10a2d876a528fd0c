import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { TeamsModule } from '../teams/teams.module';
import { WorkingCalendarDoc, WorkingCalendarSchema } from './calendar.schema';
import { CalendarController } from './calendar.controller';
import { CalendarStore } from './calendar.store';
import { WorkingCalendars } from './working-calendars';
import { ChangeCalendar } from './use-cases/change-calendar.usecase';
import { ReadCalendar } from './use-cases/read-calendar.usecase';

/**
 * 工作日历: which days are working days (national holidays and 调休, plus a county's override).
 * Exports `WorkingCalendars` (the effective calendar per county and year, cached), which attendance
 * judges every day against; a change re-judges the months it touched through teams' port
 * `RejudgeMemberDays` (implemented by attendance).
 */
@Module({
  imports: [
    MongooseModule.forFeature([{ name: WorkingCalendarDoc.name, schema: WorkingCalendarSchema }]),
    TeamsModule,
  ],
  controllers: [CalendarController],
  providers: [CalendarStore, WorkingCalendars, ChangeCalendar, ReadCalendar],
  exports: [WorkingCalendars],
})
export class CalendarModule {}
