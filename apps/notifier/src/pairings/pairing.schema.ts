import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

export interface PairedCadre {
  userId: string;
  name: string;
  /** The cadre's own org unit (often a county department, not the household's village). */
  orgUnit: string;
}

/**
 * The notifier's read model of a household's paired cadres (帮扶责任人), from
 * household.pairing-changed.v1 (which carries the full current list). One document per household;
 * `version` is the household's version of the event that wrote it: an older event never overwrites it.
 */
@Schema({ collection: 'pairings', versionKey: false })
export class Pairing {
  /** The household id (the alert's subjectId). */
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ required: true }) countyCode!: string;
  @Prop({ required: true, index: true }) townCode!: string;
  @Prop({ required: true }) villageCode!: string;
  @Prop({ type: [Object], default: [] }) cadres!: PairedCadre[];
  @Prop({ required: true }) version!: number;
  /** When the change happened (the event's `at`). */
  @Prop({ required: true }) changedAt!: Date;
  @Prop({ required: true }) eventId!: string;
}
export const PairingSchema = SchemaFactory.createForClass(Pairing);
