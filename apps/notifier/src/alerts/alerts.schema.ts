import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

export type AlertStatus = 'open' | 'acknowledged' | 'resolved';

/**
 * The notifier's read model of an alert (from rules.alerts.v1): what an escalation needs to know
 * when it comes due — is it still open, and what to say. Written only by the alert consumer
 * (one writer per alert: its events share a Kafka key); escalation jobs only read it.
 */
@Schema({ collection: 'alerts', versionKey: false })
export class AlertState {
  /** The alert id. */
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ type: String, required: true }) status!: AlertStatus;
  /** Null on a stub (acknowledged or resolved before its raise was seen here). */
  @Prop({ type: String, default: null }) countyCode!: string | null;
  @Prop({ type: String, default: null }) townCode!: string | null;
  @Prop({ type: String, default: null }) villageCode!: string | null;
  @Prop({ type: String, default: null }) subjectId!: string | null;
  @Prop({ type: String, default: null }) ruleId!: string | null;
  @Prop({ type: String, default: null }) severity!: string | null;
  @Prop({ type: String, default: null }) title!: string | null;
  @Prop({ type: String, default: null }) message!: string | null;
  @Prop({ type: [String], default: [] }) recipientRoles!: string[];
  /** The escalation interval in force (the rule's, or the severity's default); 0: never escalated. */
  @Prop({ type: Number, default: 0 }) escalateAfterMinutes!: number;
  @Prop({ type: Date, default: null }) raisedAt!: Date | null;
  @Prop({ type: Date, default: null }) acknowledgedAt!: Date | null;
  @Prop({ type: Date, default: null }) resolvedAt!: Date | null;
}
export const AlertStateSchema = SchemaFactory.createForClass(AlertState);
