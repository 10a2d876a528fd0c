import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * One year of a working calendar (工作日历): the national one (countyCode null, seeded) or a county's
 * override on top of it. _id = `national:YYYY` or `<countyCode>:YYYY`: reads are point lookups.
 */
@Schema({ collection: 'working_calendars', versionKey: false })
export class WorkingCalendarDoc {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ required: true }) year!: number;
  @Prop({ type: String, default: null }) countyCode!: string | null;
  @Prop({ type: [String], required: true }) holidays!: string[];
  @Prop({ type: [String], required: true }) workdays!: string[];
  @Prop({ required: true }) updatedAt!: Date;
  @Prop({ required: true }) updatedBy!: string;
}
export const WorkingCalendarSchema = SchemaFactory.createForClass(WorkingCalendarDoc);

export const calendarId = (year: number, countyCode: string | null) => `${countyCode ?? 'national'}:${year}`;
