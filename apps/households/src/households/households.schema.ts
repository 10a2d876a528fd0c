import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { HydratedDocument } from 'mongoose';
import { outboxSchemaFields } from '@lib/messaging';
import type { HouseholdClosure } from '@lib/contracts';

@Schema({ _id: false })
export class Member {
  @Prop({ required: true }) memberId!: string;
  @Prop({ required: true }) name!: string;
  @Prop({ required: true }) relation!: string;
  @Prop({ required: true }) sex!: string;
  @Prop({ required: true }) birthDate!: string;
  @Prop() labourSkill?: string;
  @Prop() ethnicity?: string;
  @Prop() education?: string;
  @Prop() schoolStatus?: string;
  @Prop() notInSchoolReason?: string;
  @Prop({ type: Object }) insurance?: Record<string, boolean>;
  @Prop() minimumLivingAllowance?: boolean;
  @Prop() extremeHardshipSupport?: boolean;
  @Prop() publicWelfareJobMonths?: number;
  @Prop({ type: Object }) migrantWork?: Record<string, unknown>;
  /** 证件类型 (absent: 居民身份证), 务工意愿, 就业服务需求 */
  @Prop() idType?: string;
  @Prop() workPlan?: string;
  @Prop({ type: [String], default: undefined }) serviceNeeds?: string[];
  /** AES-256-GCM ciphertexts (see PiiCipher); never the clear values. */
  @Prop() idNumberCipher?: string;
  @Prop() idNumberHash?: string;
  @Prop() idNumberMasked?: string;
  @Prop() phoneCipher?: string;
  @Prop() phoneMasked?: string;
  /** {health, disabilityLevel} encrypted: health data is personal information (PIPL). */
  @Prop() healthCipher?: string;
}
const MemberSchema = SchemaFactory.createForClass(Member);

export interface PairedCadre {
  userId: string;
  name: string;
  orgUnit: string;
  phone?: string;
}

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
  /** Bumped by every change; change n is kept in household_changes as `${_id}:${n}` (see HouseholdChanges). */
  @Prop() version?: number;
  @Prop() groupName?: string;
  @Prop({ type: [String], default: undefined }) riskTypes?: string[];
  @Prop({ type: Object }) income?: Record<string, number>;
  @Prop() medicalOutOfPocket?: number;
  @Prop({ type: Object }) land?: Record<string, number>;
  @Prop({ type: Object }) housing?: Record<string, unknown>;
  @Prop() safeDrinkingWater?: boolean;
  @Prop() electricity?: boolean;
  @Prop() hardenedRoad?: boolean;
  @Prop() sanitaryToilet?: boolean;
  @Prop() contactPhoneCipher?: string;
  @Prop() contactPhoneMasked?: string;
  @Prop() collector?: string;
  @Prop() wholeHouseholdNoLabour?: boolean;
  /** 帮扶责任人, and their ids for the list filter (equality on an array matches an element). */
  @Prop({ type: [Object], default: undefined }) pairedCadres?: PairedCadre[];
  @Prop({ type: [String], default: undefined }) pairedCadreIds?: string[];
  /** national fields: 识别时间, 是否风险消除, 风险消除时间, 消除方式, 帮扶措施, 因自然灾害的灾种 */
  @Prop() identifiedAt?: string;
  @Prop() riskEliminated?: boolean;
  @Prop() riskEliminatedAt?: string;
  @Prop() eliminationMethod?: string;
  @Prop({ type: [String], default: undefined }) assistanceMeasures?: string[];
  @Prop() disasterSubtype?: string;
  /** Copy of the latest lifecycle state (the history is in lifecycle_transitions) for the list filter. */
  @Prop() lifecycleState?: string;
  /** 注销: 'closed' once closed (absent: 在册), and what the closure recorded (reason, day, merged-into, note). */
  @Prop() status?: string;
  @Prop({ type: Object }) closure?: HouseholdClosure;
  createdAt!: Date;
  updatedAt?: Date;
}

export type HouseholdDocument = HydratedDocument<Household>;
export const HouseholdSchema = SchemaFactory.createForClass(Household);
HouseholdSchema.add(outboxSchemaFields);
HouseholdSchema.index({ villageCode: 1, householdNumber: 1 }, { unique: true });
