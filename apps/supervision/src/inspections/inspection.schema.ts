import { outboxSchemaFields } from '@lib/messaging';
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

import { FollowUpStatus, FollowUpStatuses } from './domain/inspection-status';

export { FollowUpStatuses };
export type { FollowUpStatus };

/** 督查: an inspection of a team (在岗情况、帮扶工作) by the discipline office or the town, with follow-up. */
@Schema({ collection: 'inspections', versionKey: false })
export class Inspection {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ required: true, index: true }) teamId!: string;
  @Prop({ required: true }) countyCode!: string;
  @Prop({ required: true, index: true }) townCode!: string;
  @Prop({ required: true }) villageCode!: string;
  /** YYYY-MM-DD */
  @Prop({ required: true }) inspectedOn!: string;
  @Prop({ required: true }) inspector!: string;
  @Prop({ type: [Object], required: true })
  findings!: Array<{ memberId: string | null; finding: string; severity: 'low' | 'medium' | 'high' }>;
  @Prop({ type: String, required: true, enum: FollowUpStatuses }) status!: FollowUpStatus;
  /** Follow-up notes, newest last (整改跟踪). */
  @Prop({ type: [Object], required: true })
  followUps!: Array<{ status: FollowUpStatus; note: string; by: string; at: Date }>;
  @Prop({ required: true }) createdAt!: Date;
}
export const InspectionSchema = SchemaFactory.createForClass(Inspection);
InspectionSchema.add(outboxSchemaFields); // its events ride with the write (libs/messaging outbox)
