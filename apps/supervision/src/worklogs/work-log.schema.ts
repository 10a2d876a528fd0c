import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { outboxSchemaFields } from '@lib/messaging';
import { MemberDayRecord } from '../member-day.schema';

/** 驻村工作日志: what a member did, when and where; photos are references (object-store keys or URLs). */
@Schema({ collection: 'work_logs', versionKey: false })
export class WorkLog extends MemberDayRecord {
  @Prop({ required: true }) at!: Date;
  @Prop({ required: true }) content!: string;
  @Prop({ type: Object, required: true })
  place!: { address: string | null; latitude: number | null; longitude: number | null };
  @Prop({ type: Boolean, default: null }) insideGeofence!: boolean | null;
  @Prop({ type: [Object], required: true }) photos!: Array<{ ref: string; caption: string | null }>;
  @Prop({ required: true }) recordedAt!: Date;
}
export const WorkLogSchema = SchemaFactory.createForClass(WorkLog);
WorkLogSchema.add(outboxSchemaFields);
WorkLogSchema.index({ memberId: 1, day: 1 });
WorkLogSchema.index({ teamId: 1, day: -1 });
WorkLogSchema.index({ day: 1 });
