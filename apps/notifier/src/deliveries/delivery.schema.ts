import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { outboxSchemaFields } from '@lib/messaging';

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

export interface DeliveryAttempt {
  at: Date;
  ok: boolean;
  status: number | null;
  error: string | null;
  latencyMs: number;
}

/** One alert to one recipient through one channel, with every attempt (the delivery log). */
@Schema({ collection: 'deliveries', versionKey: false })
export class Delivery {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ required: true, index: true }) alertId!: string;
  @Prop({ required: true }) subjectId!: string;
  @Prop({ required: true }) countyCode!: string;
  @Prop({ required: true, index: true }) townCode!: string;
  @Prop({ required: true }) villageCode!: string;
  @Prop({ required: true }) channel!: string;
  @Prop({ required: true }) target!: string;
  @Prop({ required: true }) recipient!: string;
  @Prop({ required: true }) severity!: string;
  @Prop({ required: true }) title!: string;
  @Prop({ required: true }) message!: string;
  @Prop({ type: String, required: true, index: true }) status!: DeliveryStatus;
  @Prop({ type: [Object], default: [] }) attempts!: DeliveryAttempt[];
  @Prop({ required: true }) createdAt!: Date;
  @Prop({ type: Date, default: null }) finishedAt!: Date | null;
}
export const DeliverySchema = SchemaFactory.createForClass(Delivery);
DeliverySchema.add(outboxSchemaFields);
