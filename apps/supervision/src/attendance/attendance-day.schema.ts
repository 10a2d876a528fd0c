import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { AttendancePattern } from '@lib/contracts';
import { outboxSchemaFields } from '@lib/messaging';
import { MemberDayRecord } from '../member-day.schema';
import type { Excuse, SharedDevice } from './domain/attendance-day';

/** 考勤日: a member's computed day. _id = `${memberId}:${day}`. */
@Schema({ collection: 'attendance_days', versionKey: false })
export class AttendanceDayDoc extends MemberDayRecord {
  @Prop({ required: true }) month!: string;
  @Prop({ required: true }) workingDay!: boolean;
  @Prop({ required: true }) posted!: boolean;
  @Prop({ required: true }) onPost!: boolean;
  @Prop({ required: true }) insideGeofence!: boolean;
  @Prop({ required: true }) daytimeActivity!: boolean;
  @Prop({ type: Date, default: null }) firstSeen!: Date | null;
  @Prop({ type: Date, default: null }) lastSeen!: Date | null;
  @Prop({ required: true }) presenceCount!: number;
  @Prop({ required: true }) replayCount!: number;
  @Prop({ type: [String], required: true }) flags!: AttendancePattern[];
  @Prop({ type: [Object], required: true }) sharedDevices!: SharedDevice[];
  @Prop({ type: String, default: null }) excused!: Excuse | null;
  /** Patterns already announced (each once per member and day). */
  @Prop({ type: [String], required: true }) announced!: AttendancePattern[];
  /** Check-ins the computation saw: an older computation never overwrites a newer one. */
  @Prop({ required: true }) basis!: number;
  /** Hash of the computed facts: unchanged facts are not written or announced again. */
  @Prop({ required: true }) fingerprint!: string;
  @Prop({ required: true }) computedAt!: Date;
}
export const AttendanceDaySchema = SchemaFactory.createForClass(AttendanceDayDoc);
AttendanceDaySchema.add(outboxSchemaFields);
AttendanceDaySchema.index({ memberId: 1, month: 1 });
AttendanceDaySchema.index({ teamId: 1, day: 1 });
AttendanceDaySchema.index({ day: 1 }); // recompute reads a batch's days by equality
