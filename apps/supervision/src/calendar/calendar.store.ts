import { Injectable, OnModuleInit } from '@nestjs/common';
import { Store } from '@lib/persistence';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { findEach } from '@lib/service-kit';
import { CalendarEntries, NATIONAL_CALENDARS } from './domain/working-calendar';
import { calendarId, WorkingCalendarDoc } from './calendar.schema';

/** All database access for working calendars. */
@Injectable()
export class CalendarStore implements OnModuleInit {
  private readonly store: Store<WorkingCalendarDoc>;

  constructor(@InjectModel(WorkingCalendarDoc.name) private readonly model: Model<WorkingCalendarDoc>) {
    this.store = Store.of(model);
  }

  /** Seeds the national calendars we ship (2026) once; a calendar changed since is kept. */
  async onModuleInit() {
    for (const [year, entries] of Object.entries(NATIONAL_CALENDARS)) {
      const _id = calendarId(Number(year), null);
      await this.store.updateOne(
        { _id },
        {
          $setOnInsert: {
            year: Number(year),
            countyCode: null,
            holidays: entries.holidays,
            workdays: entries.workdays,
            updatedAt: new Date(),
            updatedBy: 'seed',
          },
        },
        { upsert: true },
      );
    }
  }

  /** The national calendar and the county's override of these years (point lookups). */
  async find(years: number[], countyCode: string): Promise<WorkingCalendarDoc[]> {
    const ids = years.flatMap((y) => [calendarId(y, null), calendarId(y, countyCode)]);
    return findEach(this.model, '_id', ids);
  }

  async findOne(year: number, countyCode: string | null): Promise<WorkingCalendarDoc | null> {
    return this.model.findById(calendarId(year, countyCode)).lean().exec();
  }

  /** Sets (replaces) a calendar of one year. */
  async put(year: number, countyCode: string | null, entries: CalendarEntries, by: string): Promise<void> {
    await this.store.updateOne(
      { _id: calendarId(year, countyCode) },
      { $set: { year, countyCode, ...entries, updatedAt: new Date(), updatedBy: by } },
      { upsert: true },
    );
  }
}
