import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { CalendarRepository } from './calendar.repository';
import { WorkingCalendarDoc, WorkingCalendarSchema } from './calendar.schema';
import { WorkingCalendars } from './working-calendars';

/** The working calendars (attendance reads them); the API is CalendarApiModule. */
@Module({
  imports: [MongooseModule.forFeature([{ name: WorkingCalendarDoc.name, schema: WorkingCalendarSchema }])],
  providers: [CalendarRepository, WorkingCalendars],
  exports: [CalendarRepository, WorkingCalendars],
})
export class CalendarModule {}
