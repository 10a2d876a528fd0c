import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/** 产出: stocking, harvest or production (e.g. 95万尾南美白对虾苗投放, 10万羽生态鸡出栏). */
@Schema({ collection: 'outputs', versionKey: false })
export class Output {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ required: true, index: true }) projectId!: string;
  @Prop({ required: true }) kind!: string;
  @Prop({ required: true }) item!: string;
  @Prop({ required: true }) quantity!: number;
  @Prop({ required: true }) unit!: string;
  @Prop({ required: true }) recordedOn!: string;
  @Prop({ type: String, default: null }) note!: string | null;
  @Prop({ required: true }) countyCode!: string;
  @Prop({ required: true }) townCode!: string;
  @Prop({ required: true }) villageCode!: string;
  @Prop({ required: true }) recordedBy!: string;
  @Prop({ required: true }) recordedAt!: Date;
}
export const OutputSchema = SchemaFactory.createForClass(Output);
OutputSchema.index({ projectId: 1, recordedOn: -1 });

/** 销售: a sale of the project's produce by channel (e.g. the town e-commerce centre's WeChat groups). */
@Schema({ collection: 'sales', versionKey: false })
export class Sale {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ required: true, index: true }) projectId!: string;
  @Prop({ required: true }) channel!: string;
  @Prop({ required: true }) item!: string;
  @Prop({ type: Number, default: null }) quantity!: number | null;
  @Prop({ type: String, default: null }) unit!: string | null;
  @Prop({ required: true }) amount!: number;
  /** The amount in fen (integer), so sums are exact. */
  @Prop({ required: true }) amountFen!: number;
  @Prop({ required: true }) soldOn!: string;
  @Prop({ type: String, default: null }) buyer!: string | null;
  @Prop({ required: true }) countyCode!: string;
  @Prop({ required: true }) townCode!: string;
  @Prop({ required: true }) villageCode!: string;
  @Prop({ required: true }) recordedBy!: string;
  @Prop({ required: true }) recordedAt!: Date;
}
export const SaleSchema = SchemaFactory.createForClass(Sale);
SaleSchema.index({ projectId: 1, soldOn: -1 });
