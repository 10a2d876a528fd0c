import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/** One document per job and period: its unique id is the claim that makes the run happen once. */
@Schema({ collection: 'schedule_runs', versionKey: false })
export class ScheduleRun {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ required: true }) claimedAt!: Date;
  @Prop({ type: Date, default: null }) doneAt!: Date | null;
  @Prop({ type: Object, default: null }) result!: Record<string, number> | null;
}
export const ScheduleRunSchema = SchemaFactory.createForClass(ScheduleRun);
