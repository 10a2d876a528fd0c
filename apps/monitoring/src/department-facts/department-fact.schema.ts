import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { outboxSchemaFields } from '@lib/messaging';

/**
 * A department's fact (部门筛查预警), `_id: <department>:<sourceRecordId>` (a repeat is a duplicate
 * key: ignored). Never holds a clear ID number: its keyed hash and a masked form only. Matched facts
 * carry the household's org units (tenancy) and their department-fact.received.v1 in the outbox.
 */
@Schema({ collection: 'department_facts', versionKey: false })
export class DepartmentFact {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ required: true }) factId!: string;
  @Prop({ required: true }) department!: string;
  @Prop({ required: true }) sourceRecordId!: string;
  @Prop({ required: true }) kind!: string;
  /** the reporting department's county (the household's, once matched: facts match within the county) */
  @Prop({ required: true, index: true }) countyCode!: string;
  @Prop({ type: String, default: null }) idNumberHash!: string | null;
  @Prop({ type: String, default: null }) idNumberMasked!: string | null;
  /** the household id the department named, if any */
  @Prop({ type: String, default: null }) requestedHouseholdId!: string | null;
  @Prop({ type: String, required: true }) status!: 'matched' | 'unmatched';
  @Prop({ type: String, default: null }) householdId!: string | null;
  @Prop({ type: String, default: null }) memberId!: string | null;
  @Prop({ type: String, default: null }) townCode!: string | null;
  @Prop({ type: String, default: null }) villageCode!: string | null;
  @Prop({ type: Number, default: null }) amount!: number | null;
  @Prop({ required: true }) occurredOn!: string;
  @Prop({ type: String, default: null }) period!: string | null;
  @Prop({ type: Object, default: {} }) detail!: Record<string, string | number | boolean | null>;
  @Prop({ type: String, required: true }) via!: 'api' | 'kafka';
  @Prop({ required: true }) submittedBy!: string;
  @Prop({ required: true }) receivedAt!: Date;
  @Prop({ type: Date, default: null }) matchedAt!: Date | null;
}
export const DepartmentFactSchema = SchemaFactory.createForClass(DepartmentFact);
DepartmentFactSchema.add(outboxSchemaFields);
DepartmentFactSchema.index({ idNumberHash: 1 });
DepartmentFactSchema.index({ requestedHouseholdId: 1 });
DepartmentFactSchema.index({ householdId: 1 });
DepartmentFactSchema.index({ status: 1, countyCode: 1 });

/**
 * Member-hash index: who (by idNumberHash) belongs to which household, from household.registered.v1
 * and member-added/-removed. `_id: <hash>:<householdId>`; looked up by hash (equality).
 */
@Schema({ collection: 'member_hashes', versionKey: false })
export class MemberHash {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ required: true, index: true }) hash!: string;
  @Prop({ required: true }) householdId!: string;
  @Prop({ required: true }) memberId!: string;
  @Prop({ required: true }) countyCode!: string;
  @Prop({ required: true }) townCode!: string;
  @Prop({ required: true }) villageCode!: string;
  @Prop({ required: true }) since!: Date;
}
export const MemberHashSchema = SchemaFactory.createForClass(MemberHash);
