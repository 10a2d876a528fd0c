import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { outboxSchemaFields } from '@lib/messaging';

/**
 * 预警解除记录: that an alert was resolved, appended once per alert (its _id is the alert's) with
 * alert.resolved.v1 in the same insert (issue #17). Resolving is an insert, not an update of the
 * alert: a run's resolutions are one unordered insertMany whatever their number, and a second
 * resolution of the same alert (a redelivery, another instance, a person at the same moment) is
 * refused by the _id, so the alert is told resolved exactly once. The alert document is brought in
 * line behind the evaluation (AlertsRepository.resolve); until then — or for good, if the app dies
 * first — the record is the truth: every read of unresolved alerts for evaluation leaves such an
 * alert out and mends it, and acknowledging it is refused.
 */
@Schema({ collection: 'alert_resolutions', versionKey: false })
export class AlertResolution {
  /** The alert's id. */
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ required: true }) subjectId!: string;
  @Prop({ required: true }) ruleId!: string;
  @Prop({ required: true }) resolvedAt!: Date;
  @Prop({ type: String, required: true }) resolution!: 'auto' | 'manual';
  @Prop({ type: String, default: null }) resolvedBy!: string | null;
  @Prop({ type: String, default: null }) resolutionNote!: string | null;
  /** The alert's open key once resolved (unique to the alert, so the subject may be alerted again). */
  @Prop({ required: true }) openKey!: string;
}
export const AlertResolutionSchema = SchemaFactory.createForClass(AlertResolution);
AlertResolutionSchema.add(outboxSchemaFields);
