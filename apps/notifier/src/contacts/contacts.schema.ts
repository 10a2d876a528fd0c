import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { OrgLevel } from '../channel-configs/channel-configs.schema';
import type { PersonChannel } from './domain/person-contact';

export type { PersonChannel } from './domain/person-contact';

/**
 * One person's contact channels (a cadre's mobile for SMS, an email address), keyed by their user
 * id (the id in household.pairing-changed.v1). Phone and email are personal data: sealed with
 * AES-256-GCM in `sealed`, shown masked (`masked`). Scoped by the person's org unit.
 */
@Schema({ collection: 'contacts', versionKey: false })
export class Contact {
  /** The person's user id. */
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ required: true }) name!: string;
  @Prop({ required: true, index: true }) unit!: string;
  @Prop({ type: String, required: true }) level!: OrgLevel;
  @Prop({ required: true, index: true }) countyCode!: string;
  @Prop({ type: String, default: null, index: true }) townCode!: string | null;
  @Prop({ type: String, default: null }) villageCode!: string | null;
  /** The channels this person has (sms: a mobile; email: an address). */
  @Prop({ type: [String], required: true }) channels!: PersonChannel[];
  /** `{ phone?, email? }` as JSON, sealed. */
  @Prop({ required: true }) sealed!: string;
  @Prop({ type: Object, required: true }) masked!: { phone?: string; email?: string };
  @Prop({ required: true }) updatedBy!: string;
  @Prop({ required: true }) createdAt!: Date;
  @Prop({ required: true }) updatedAt!: Date;
}
export const ContactSchema = SchemaFactory.createForClass(Contact);
