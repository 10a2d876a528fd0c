import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/** Projects' own read model of the registry (fed by households.events.v1): who may be a beneficiary. */
@Schema({ collection: 'known_households', versionKey: false })
export class KnownHousehold {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ required: true }) householdNumber!: string;
  @Prop({ required: true }) countyCode!: string;
  @Prop({ required: true }) townCode!: string;
  @Prop({ required: true, index: true }) villageCode!: string;
  @Prop({ required: true }) householdType!: string;
  /** Absent when none (see registeredHousehold). */
  @Prop({ type: String, default: null }) monitoringCategory?: string | null;
  @Prop({ required: true }) memberCount!: number;
  @Prop({ required: true }) registeredAt!: Date;
  /** 帮扶责任人 (household.pairing-changed.v1): the assistance ledgers copy them onto their records. */
  @Prop({ type: [String], default: undefined }) pairedCadreIds?: string[];
  /** The pairing's version they are from: an older pairing-changed read later changes nothing. */
  @Prop({ type: Number, default: undefined }) pairingVersion?: number;
  /** 注销 (household.closed.v1): the day and reason; a closed household is linked and paid no more */
  @Prop() closedOn?: string;
  @Prop() closureReason?: string;
}
export const KnownHouseholdSchema = SchemaFactory.createForClass(KnownHousehold);
