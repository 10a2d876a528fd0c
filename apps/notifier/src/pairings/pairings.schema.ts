import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * The name and unit of a paired cadre (帮扶责任人) as the last household.pairing-changed.v1 naming them said:
 * what the notifier writes on a delivery to them (张三, reached or not). Which cadre is paired with which
 * household is the shared pairing record's (libs/persistence `PairedHousehold`, collection paired_households);
 * how a cadre is reached is their contact's (contacts). One document per cadre; the newest event wins.
 */
@Schema({ collection: 'paired_cadres', versionKey: false })
export class PairedCadreName {
  /** The cadre's user id. */
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ required: true }) name!: string;
  /** The cadre's own org unit (often a county department, not the household's village). */
  @Prop({ required: true }) orgUnit!: string;
  /** When the event that named them happened (its `at`). */
  @Prop({ required: true }) namedAt!: Date;
}
export const PairedCadreNameSchema = SchemaFactory.createForClass(PairedCadreName);
