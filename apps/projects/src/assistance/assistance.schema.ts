import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { outboxSchemaFields } from '@lib/messaging';
import type { Installment, Ledger, LedgerEntry } from './domain/ledgers';

/**
 * One record of an assistance ledger (帮扶台账): a 公益岗位 post, a loan, a student, a relocated
 * household, a purchase, or a village's collective income of a source and year; its entries (wages,
 * repayments, subsidies, employment, visits, distributions) inside it. Carries its events (outbox).
 */
@Schema({ collection: 'assistance_records', versionKey: false })
export class AssistanceRecord {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ type: String, required: true, index: true }) ledger!: Ledger;
  @Prop({ type: String, default: null, index: true }) householdId!: string | null;
  @Prop({ type: String, default: null }) householdNumber!: string | null;
  @Prop({ required: true }) countyCode!: string;
  @Prop({ required: true }) townCode!: string;
  @Prop({ required: true, index: true }) villageCode!: string;
  /** The household's 帮扶责任人 (kept from household.pairing-changed.v1): a paired cadre sees these records only. */
  @Prop({ type: [String], default: [] }) pairedCadreIds!: string[];
  /** The pairing's version they are from (absent: none known when recorded). */
  @Prop({ type: Number, default: undefined }) pairingVersion?: number;
  /** What a reader sees first: the post, the bank, the school, the site, the product, the source. */
  @Prop({ required: true }) title!: string;
  /** The ledger's own fields, as validated (personal data only masked). */
  @Prop({ type: Object, required: true }) details!: Record<string, unknown>;
  @Prop({ type: [Object], default: [] }) entries!: LedgerEntry[];
  /** 小额信贷 only. */
  @Prop({ type: [Object], default: undefined }) schedule?: Installment[];
  /** 小额信贷: the earliest due date unpaid and not yet announced overdue (null: none); the overdue check finds loans by it. */
  @Prop({ type: String, default: undefined }) nextWatchedDue?: string | null;
  /** The year it counts in (lists filter by it). */
  @Prop({ required: true }) year!: number;
  @Prop({ required: true }) recordedBy!: string;
  @Prop({ required: true }) recordedAt!: Date;
}
export const AssistanceRecordSchema = SchemaFactory.createForClass(AssistanceRecord);
AssistanceRecordSchema.add(outboxSchemaFields);
AssistanceRecordSchema.index({ nextWatchedDue: 1 });
