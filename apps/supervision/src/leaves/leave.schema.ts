import { outboxSchemaFields } from '@lib/messaging';
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Excuse, LeaveKinds } from './domain/leave-kinds';

export { LeaveKinds };
export const LeaveStatuses = ['pending', 'approved', 'rejected'] as const;

/** 请假 / 公出 申请: a member asks, the town decides; an approved one excuses the days it covers. */
@Schema({ collection: 'leaves', versionKey: false })
export class Leave {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ required: true }) memberId!: string;
  @Prop({ required: true }) teamId!: string;
  @Prop({ required: true }) countyCode!: string;
  @Prop({ required: true }) townCode!: string;
  @Prop({ required: true }) villageCode!: string;
  @Prop({ type: String, required: true, enum: LeaveKinds }) kind!: Excuse;
  /** YYYY-MM-DD, inclusive both. */
  @Prop({ required: true }) from!: string;
  @Prop({ required: true }) to!: string;
  @Prop({ required: true }) reason!: string;
  @Prop({ type: String, required: true, enum: LeaveStatuses }) status!: (typeof LeaveStatuses)[number];
  @Prop({ required: true }) requestedAt!: Date;
  @Prop({ type: Date, default: null }) decidedAt!: Date | null;
  @Prop({ type: String, default: null }) decidedBy!: string | null;
  @Prop({ type: String, default: null }) decisionNote!: string | null;
}
export const LeaveSchema = SchemaFactory.createForClass(Leave);
LeaveSchema.add(outboxSchemaFields); // its events ride with the write (libs/messaging outbox)
LeaveSchema.index({ memberId: 1, status: 1, from: 1 });
LeaveSchema.index({ townCode: 1, status: 1 });
