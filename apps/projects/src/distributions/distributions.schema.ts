import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { outboxSchemaFields } from '@lib/messaging';

/**
 * 收益分配: a dividend, wage, land rent or produce payment to a beneficiary household. The id is the
 * distribution id (client-supplied or derived from the Idempotency-Key), so a retry cannot pay twice.
 */
@Schema({ collection: 'distributions', versionKey: false })
export class Distribution {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ required: true, index: true }) projectId!: string;
  @Prop({ required: true }) projectName!: string;
  @Prop({ required: true, index: true }) householdId!: string;
  @Prop({ required: true }) beneficiaryId!: string;
  @Prop({ required: true }) kind!: string;
  @Prop({ required: true }) amount!: number;
  @Prop({ required: true }) amountFen!: number;
  @Prop({ required: true }) paidOn!: string;
  @Prop({ required: true, index: true }) year!: number;
  @Prop({ type: String, default: null }) note!: string | null;
  @Prop({ required: true }) householdTownCode!: string;
  @Prop({ required: true }) householdVillageCode!: string;
  @Prop({ required: true }) countyCode!: string;
  @Prop({ required: true }) townCode!: string;
  @Prop({ required: true }) villageCode!: string;
  @Prop({ required: true }) recordedBy!: string;
  @Prop({ required: true }) recordedAt!: Date;
}
export const DistributionSchema = SchemaFactory.createForClass(Distribution);
DistributionSchema.add(outboxSchemaFields);
DistributionSchema.index({ projectId: 1, paidOn: -1 });
