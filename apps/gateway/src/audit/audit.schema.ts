import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { PrincipalKind, RoleGrant } from '@lib/auth';

/**
 * One request through the gateway: who (user or integration, their roles), did what (method,
 * path), to which record, with what outcome, when, from where. Append-only: the gateway only
 * inserts; nothing updates or deletes entries.
 */
@Schema({ collection: 'audit_log', versionKey: false })
export class AuditEntry {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ required: true, index: true }) at!: Date;
  @Prop({ type: String, default: null, index: true }) actorId!: string | null;
  @Prop({ type: String, default: null }) actorName!: string | null;
  @Prop({ type: String, default: null }) actorKind!: PrincipalKind | null;
  @Prop({ type: [Object], default: [] }) roles!: RoleGrant[];
  /** Every unit from the county down to each of the actor's units: auditors see the entries of their scope. */
  @Prop({ type: [String], default: [], index: true }) scopeCodes!: string[];
  @Prop({ required: true }) method!: string;
  @Prop({ required: true }) path!: string;
  @Prop({ type: String, default: null }) resource!: string | null;
  @Prop({ type: String, default: null, index: true }) recordId!: string | null;
  @Prop({ required: true }) status!: number;
  @Prop({ required: true }) ip!: string;
  @Prop({ type: String, default: null }) userAgent!: string | null;
  @Prop({ required: true }) durationMs!: number;
}
export const AuditEntrySchema = SchemaFactory.createForClass(AuditEntry);
