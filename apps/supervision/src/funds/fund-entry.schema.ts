import { outboxSchemaFields } from '@lib/messaging';
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

export const FundCategories = [
  'transport',
  'office',
  'living_allowance',
  'project_support',
  'other',
] as const;
export const FundEntryStatuses = ['pending', 'approved', 'rejected'] as const;

/** 工作队经费台账: one spending of a team's funds, in fen, approved by the town before it counts. */
@Schema({ collection: 'fund_entries', versionKey: false })
export class FundEntry {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ required: true, index: true }) teamId!: string;
  @Prop({ required: true }) countyCode!: string;
  @Prop({ required: true }) townCode!: string;
  @Prop({ required: true }) villageCode!: string;
  /** YYYY-MM-DD */
  @Prop({ required: true }) spentOn!: string;
  /** Integer fen, so sums are exact. */
  @Prop({ required: true }) amountFen!: number;
  @Prop({ type: String, required: true, enum: FundCategories }) category!: (typeof FundCategories)[number];
  @Prop({ required: true }) description!: string;
  /** Receipt references (object-store keys or URLs). */
  @Prop({ type: [String], required: true }) receipts!: string[];
  @Prop({ required: true }) recordedBy!: string;
  @Prop({ type: String, required: true, enum: FundEntryStatuses })
  status!: (typeof FundEntryStatuses)[number];
  @Prop({ type: Date, default: null }) decidedAt!: Date | null;
  @Prop({ type: String, default: null }) decidedBy!: string | null;
  @Prop({ type: String, default: null }) decisionNote!: string | null;
  @Prop({ required: true }) createdAt!: Date;
}
export const FundEntrySchema = SchemaFactory.createForClass(FundEntry);
FundEntrySchema.add(outboxSchemaFields); // its events ride with the write (libs/messaging outbox)
FundEntrySchema.index({ teamId: 1, status: 1, spentOn: 1 });
