import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { outboxSchemaFields } from '@lib/messaging';

export type AlertStatus = 'open' | 'acknowledged' | 'resolved';

/**
 * A risk alert (风险预警). At most one open (or acknowledged) alert per subject, rule and period
 * (unique openKey). Lifecycle: open → acknowledged → resolved (manually with a note, or
 * automatically when the rule's condition clears); every change carries its event in the outbox.
 */
@Schema({ collection: 'alerts', versionKey: false })
export class Alert {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ required: true }) ruleId!: string;
  @Prop({ required: true }) ruleVersion!: number;
  @Prop({ type: String, required: true }) severity!: 'low' | 'medium' | 'high';
  @Prop({ type: String, required: true }) subjectType!:
    'household' | 'team-member' | 'resident-request' | 'care-member';
  @Prop({ required: true, index: true }) subjectId!: string;
  @Prop({ required: true }) countyCode!: string;
  @Prop({ required: true, index: true }) townCode!: string;
  @Prop({ required: true }) villageCode!: string;
  @Prop({ required: true }) period!: string;
  @Prop({ required: true }) title!: string;
  @Prop({ required: true }) message!: string;
  /** Stored as one JSON text (storedAlert; documents written before hold the array itself). */
  @Prop({ type: Object, required: true }) explanation!: Array<{
    name: string;
    label: string;
    value: unknown;
  }>;
  @Prop({ type: [String], required: true }) recipientRoles!: string[];
  @Prop({ type: String, required: true, index: true }) status!: AlertStatus;
  /**
   * `${subjectId}|${ruleId}|${period}` while not resolved, unique among unresolved alerts; removed once
   * resolved (a sparse index: resolved alerts are not in it, so the key is free for the next alert).
   */
  @Prop({ type: String, unique: true, sparse: true }) openKey!: string;
  @Prop({ required: true }) triggeredBy!: string;
  @Prop({ required: true }) raisedAt!: Date;
  @Prop({ type: Date, default: null }) resolvedAt!: Date | null;
  @Prop({ type: String, default: null }) resolution!: 'auto' | 'manual' | null;
  @Prop({ type: String, default: null }) resolvedBy?: string | null;
  @Prop({ type: String, default: null }) resolutionNote?: string | null;
  @Prop({ type: Date }) acknowledgedAt?: Date;
  @Prop({ type: String }) acknowledgedBy?: string;
  @Prop({ type: String }) acknowledgementNote?: string;
  /** From the rule: escalate one level up when not acknowledged within this time. */
  @Prop({ type: Number }) escalateAfterMinutes?: number;
  /** Named people the alert is for (a resident request's assignee), told on their own contact. */
  @Prop({ type: [Object] }) recipientUsers?: Array<{ userId: string; name: string }>;
}
export const AlertSchema = SchemaFactory.createForClass(Alert);
AlertSchema.add(outboxSchemaFields);
AlertSchema.index({ raisedAt: -1 });

/** The key that keeps one unresolved alert per subject, rule and period. */
export const openKeyOf = (subjectId: string, ruleId: string, period = '') =>
  `${subjectId}|${ruleId}|${period}`;

/**
 * The alert as stored: its explanation (shown, never queried) as one JSON text — FerretDB converts a
 * document value by value, and a run's alerts were a quarter cheaper to insert this way.
 */
export function storedAlert<A extends Alert>(a: A): A {
  return typeof a.explanation === 'string'
    ? a
    : { ...a, explanation: JSON.stringify(a.explanation) as never };
}

/** The alert as read (storedAlert undone; an explanation stored as the array itself is taken as is). */
export function loadedAlert<A extends Alert>(d: A): A {
  const e = d.explanation as unknown;
  return typeof e === 'string' ? { ...d, explanation: JSON.parse(e) as Alert['explanation'] } : d;
}
