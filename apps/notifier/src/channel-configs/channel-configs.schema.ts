import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

export type OrgLevel = 'county' | 'town' | 'village';

/**
 * A channel of one org unit (a village's robot, the town's duty robot, the county's email…).
 * The whole target (URLs with tokens, secrets, phones) is sealed with AES-256-GCM in `sealed`;
 * `masked` is what the API shows. Tenancy fields are null above the unit's level.
 */
@Schema({ collection: 'channels', versionKey: false })
export class ChannelConfig {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ required: true }) name!: string;
  @Prop({ required: true }) kind!: string;
  @Prop({ required: true, index: true }) unit!: string;
  @Prop({ type: String, required: true }) level!: OrgLevel;
  @Prop({ required: true, index: true }) countyCode!: string;
  @Prop({ type: String, default: null, index: true }) townCode!: string | null;
  @Prop({ type: String, default: null }) villageCode!: string | null;
  /** Alert recipient roles this channel serves; empty: every alert of the unit. */
  @Prop({ type: [String], default: [] }) roles!: string[];
  /** Who the channel reaches (one delivery each): the robot, each SMS phone, the mail list. */
  @Prop({ type: [String], required: true }) recipients!: string[];
  @Prop({ required: true }) sealed!: string;
  @Prop({ type: Object, required: true }) masked!: Record<string, unknown>;
  @Prop({ required: true }) enabled!: boolean;
  @Prop({ required: true }) createdAt!: Date;
  @Prop({ required: true }) updatedAt!: Date;
}
export const ChannelConfigSchema = SchemaFactory.createForClass(ChannelConfig);
