import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { ResidentRequestCategory } from '@lib/contracts';

/** A county's deadlines (办理时限) per category; _id is the county code. */
@Schema({ collection: 'deadline_settings', versionKey: false })
export class DeadlineSetting {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ required: true }) countyCode!: string;
  @Prop({ type: Object, required: true }) days!: Partial<Record<ResidentRequestCategory, number>>;
  @Prop({ required: true }) warnDaysBefore!: number;
  @Prop({ required: true }) updatedBy!: string;
  @Prop({ required: true }) updatedAt!: Date;
}
export const DeadlineSettingSchema = SchemaFactory.createForClass(DeadlineSetting);
