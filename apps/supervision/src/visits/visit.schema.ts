import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { MemberDayRecord } from '../member-day.schema';

/**
 * 入户走访 by a team member, as monitoring announced it (survey.recorded.v1): it proves daytime
 * presence in the village it was made in. _id = the survey id (a redelivered event changes nothing).
 */
@Schema({ collection: 'visits', versionKey: false })
export class Visit extends MemberDayRecord {
  @Prop({ required: true }) at!: Date;
  @Prop({ required: true }) householdId!: string;
  /** The village the visited household belongs to. */
  @Prop({ required: true }) visitedVillageCode!: string;
  @Prop({ required: true }) inside!: boolean;
}
export const VisitSchema = SchemaFactory.createForClass(Visit);
VisitSchema.index({ memberId: 1, day: 1 });
VisitSchema.index({ day: 1 });
