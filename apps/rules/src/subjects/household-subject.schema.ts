import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/** What rules know of a household: just the facts rules need, built from events. */
@Schema({ collection: 'household_subjects', versionKey: false })
export class HouseholdSubject {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ type: String, default: null }) householdNumber!: string | null;
  @Prop({ required: true }) provinceCode!: string;
  @Prop({ required: true }) countyCode!: string;
  @Prop({ required: true, index: true }) townCode!: string;
  @Prop({ required: true }) villageCode!: string;
  @Prop({ type: String, default: null }) householdType!: string | null;
  @Prop({ type: String, default: null }) monitoringCategory!: string | null;
  @Prop({ type: Number, default: null }) memberCount!: number | null;
  @Prop({ type: Object, default: null })
  lastSurvey!: {
    surveyId: string;
    month: string;
    perCapitaNetIncome: number | null;
    netIncome: number;
  } | null;
  /** Ids of the last events applied: a redelivered event is recognised and changes nothing. */
  @Prop({ type: [String], default: [] }) appliedEventIds!: string[];
}
export const HouseholdSubjectSchema = SchemaFactory.createForClass(HouseholdSubject);
