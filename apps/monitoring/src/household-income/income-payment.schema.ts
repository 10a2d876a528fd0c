import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { outboxSchemaFields } from '@lib/messaging';

/**
 * A project payment to a household (project.distribution-paid.v1), insert-only, one document per
 * distributionId: a redelivered event, or another event with the same distributionId, is a duplicate
 * key and counts once. It carries the household-income.changed.v1 it caused (outbox).
 */
@Schema({ collection: 'income_payments', versionKey: false })
export class IncomePayment {
  /** The distributionId. */
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ required: true, index: true }) householdId!: string;
  @Prop({ required: true }) countyCode!: string;
  @Prop({ required: true }) townCode!: string;
  @Prop({ required: true }) villageCode!: string;
  @Prop({ required: true }) projectId!: string;
  @Prop({ required: true }) projectName!: string;
  /** dividend / wage / land_lease / produce_purchase; an assistance ledger's payment: its ledger (public_welfare_job…) */
  @Prop({ required: true }) kind!: string;
  /** The income component it counts as (incomeComponentOfBenefit). */
  @Prop({ required: true }) component!: 'wage' | 'business' | 'property' | 'transfer';
  @Prop({ required: true }) amount!: number;
  @Prop({ required: true }) paidOn!: string;
  @Prop({ required: true }) recordedBy!: string;
  /** The event that brought it (the first one, if several carried the same distributionId). */
  @Prop({ required: true }) eventId!: string;
  @Prop({ required: true }) receivedAt!: Date;
  /** Whether it changed the household's figure when it arrived (false: paid before the last survey's visit, or no survey yet). */
  @Prop({ required: true }) changedFigure!: boolean;
  /**
   * Written by a replay (`npm run replay -- monitoring household-income`) from the log, not by the app
   * taking the payment: `receivedAt` is then the payment event's time, and `changedFigure` whether a
   * household-income.changed.v1 it caused is in the log. If the app is delivered the payment after
   * all (the replay read it first), it counts and announces it then (CountPayment).
   */
  @Prop({ type: Boolean }) replayed?: boolean;
}
export const IncomePaymentSchema = SchemaFactory.createForClass(IncomePayment);
IncomePaymentSchema.add(outboxSchemaFields);
