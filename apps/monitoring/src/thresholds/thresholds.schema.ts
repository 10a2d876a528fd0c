import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { ThresholdScope } from '@lib/contracts';
import { outboxSchemaFields } from '@lib/messaging';

/**
 * One change of a monitoring line (监测范围): insert-only history, `_id: <key>#<version>` (a
 * duplicate key is a concurrent change of the same line: 409). The change and its threshold.set.v1
 * are one document write (the event rides in its outbox), so an acknowledged change is announced.
 */
@Schema({ collection: 'threshold_changes', versionKey: false })
export class ThresholdChange {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ required: true, index: true }) key!: string;
  @Prop({ required: true }) version!: number;
  @Prop({ type: String, required: true }) scope!: ThresholdScope;
  @Prop({ type: String, default: null }) provinceCode!: string | null;
  @Prop({ type: String, default: null }) countyCode!: string | null;
  @Prop({ required: true }) year!: number;
  @Prop({ required: true }) amount!: number;
  @Prop({ type: Number, default: null }) previousAmount!: number | null;
  @Prop({ required: true }) source!: string;
  @Prop({ required: true }) reason!: string;
  @Prop({ required: true }) setBy!: string;
  @Prop({ required: true }) setByName!: string;
  @Prop({ required: true }) setAt!: Date;
}
export const ThresholdChangeSchema = SchemaFactory.createForClass(ThresholdChange);
ThresholdChangeSchema.add(outboxSchemaFields);
ThresholdChangeSchema.index({ setAt: -1 });

/** The current line per key: derived from the history (rolled forward from it), `_id: <key>`. */
@Schema({ collection: 'thresholds', versionKey: false })
export class ThresholdCurrent {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ required: true }) version!: number;
  @Prop({ type: String, required: true }) scope!: ThresholdScope;
  @Prop({ type: String, default: null }) provinceCode!: string | null;
  @Prop({ type: String, default: null }) countyCode!: string | null;
  @Prop({ required: true }) year!: number;
  @Prop({ required: true }) amount!: number;
  @Prop({ required: true }) source!: string;
  @Prop({ required: true }) reason!: string;
  @Prop({ required: true }) setBy!: string;
  @Prop({ required: true }) setAt!: Date;
}
export const ThresholdCurrentSchema = SchemaFactory.createForClass(ThresholdCurrent);
