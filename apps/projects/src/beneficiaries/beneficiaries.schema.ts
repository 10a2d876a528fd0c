import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { outboxSchemaFields } from '@lib/messaging';

/**
 * 受益户 (利益联结): a household benefiting from a project in one way (dividend, wage, land lease,
 * produce purchase) over a period. countyCode/townCode/villageCode are the project's (scope);
 * household* the household's own.
 */
@Schema({ collection: 'beneficiaries', versionKey: false })
export class Beneficiary {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ required: true, index: true }) projectId!: string;
  @Prop({ required: true, index: true }) householdId!: string;
  @Prop({ required: true }) householdNumber!: string;
  @Prop({ required: true }) householdTownCode!: string;
  @Prop({ required: true }) householdVillageCode!: string;
  @Prop({ required: true }) kind!: string;
  @Prop({ type: Number, default: null }) sharePercent!: number | null;
  @Prop({ type: String, default: null }) details!: string | null;
  @Prop({ required: true }) startsOn!: string;
  @Prop({ type: String, default: null }) endsOn!: string | null;
  @Prop({ required: true }) countyCode!: string;
  @Prop({ required: true }) townCode!: string;
  @Prop({ required: true }) villageCode!: string;
  @Prop({ required: true }) linkedBy!: string;
  @Prop({ required: true }) linkedAt!: Date;
}
export const BeneficiarySchema = SchemaFactory.createForClass(Beneficiary);
BeneficiarySchema.add(outboxSchemaFields);
BeneficiarySchema.index({ projectId: 1, householdId: 1, kind: 1 }, { unique: true });
