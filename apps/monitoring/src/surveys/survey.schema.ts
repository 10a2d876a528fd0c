import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { outboxSchemaFields } from '@lib/messaging';

/** 每月入户走访: one household's monthly monitoring survey. */
@Schema({ collection: 'surveys', versionKey: false })
export class Survey {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ required: true }) householdId!: string;
  @Prop({ required: true }) month!: string;
  @Prop({ required: true }) countyCode!: string;
  @Prop({ required: true }) townCode!: string;
  @Prop({ required: true }) villageCode!: string;
  @Prop({ required: true }) visitedAt!: Date;
  @Prop({ required: true }) visitor!: string;
  @Prop({ type: Object, required: true })
  income!: { wage: number; business: number; property: number; transfer: number; businessCosts: number };
  @Prop({ required: true }) residentMembers!: number;
  @Prop({ required: true }) netIncome!: number;
  @Prop({ type: Number, default: null }) perCapitaNetIncome!: number | null;
  @Prop({ required: true }) recordedAt!: Date;
}
export const SurveySchema = SchemaFactory.createForClass(Survey);
SurveySchema.add(outboxSchemaFields);
SurveySchema.index({ householdId: 1, month: 1 }, { unique: true });
SurveySchema.index({ villageCode: 1, month: 1 });
