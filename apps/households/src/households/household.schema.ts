import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { HydratedDocument } from 'mongoose';
import { outboxSchemaFields } from '@lib/messaging';

@Schema({ _id: false })
export class Member {
  @Prop({ required: true }) memberId!: string;
  @Prop({ required: true }) name!: string;
  @Prop({ required: true }) relation!: string;
  @Prop({ required: true }) sex!: string;
  @Prop({ required: true }) birthDate!: string;
  @Prop() labourSkill?: string;
  /** AES-256-GCM ciphertexts (see PiiCipher); never the clear values. */
  @Prop() idNumberCipher?: string;
  @Prop() idNumberHash?: string;
  @Prop() idNumberMasked?: string;
  @Prop() phoneCipher?: string;
  @Prop() phoneMasked?: string;
}
const MemberSchema = SchemaFactory.createForClass(Member);

/** 帮扶对象台账: one household of the registry. */
@Schema({ collection: 'households', timestamps: true })
export class Household {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ required: true }) householdNumber!: string;
  @Prop({ required: true }) provinceCode!: string;
  @Prop({ required: true }) countyCode!: string;
  @Prop({ required: true, index: true }) townCode!: string;
  @Prop({ required: true }) villageCode!: string;
  @Prop({ required: true }) householdType!: string;
  @Prop({ type: String, default: null }) monitoringCategory!: string | null;
  @Prop({ type: [MemberSchema], default: [] }) members!: Member[];
  createdAt!: Date;
}

export type HouseholdDocument = HydratedDocument<Household>;
export const HouseholdSchema = SchemaFactory.createForClass(Household);
HouseholdSchema.add(outboxSchemaFields);
HouseholdSchema.index({ villageCode: 1, householdNumber: 1 }, { unique: true });
