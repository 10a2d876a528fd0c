import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { outboxSchemaFields } from '@lib/messaging';

/**
 * A progress finding that was raised as an event. The id is the finding's deterministic key, so a
 * second check in the same period (or a second instance running it) raises nothing again.
 */
@Schema({ collection: 'progress_findings', versionKey: false })
export class ProgressFinding {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ required: true }) kind!: string;
  @Prop({ required: true, index: true }) projectId!: string;
  @Prop({ required: true }) countyCode!: string;
  @Prop({ required: true }) townCode!: string;
  @Prop({ required: true }) villageCode!: string;
  @Prop({ required: true }) detectedOn!: string;
  @Prop({ required: true }) raisedAt!: Date;
}
export const ProgressFindingSchema = SchemaFactory.createForClass(ProgressFinding);
ProgressFindingSchema.add(outboxSchemaFields);
