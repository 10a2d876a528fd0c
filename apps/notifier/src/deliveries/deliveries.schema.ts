import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { outboxSchemaFields } from '@lib/messaging';

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';
export type DeliveryKind = 'alert' | 'escalation';

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
  /** The channel kind: dingtalk-robot, wecom-robot, sms, email, webhook; none: a person not reachable. */
  @Prop({ required: true }) channel!: string;
  /** The configured channel (its sealed target is read at send time); null: the default webhook. */
  @Prop({ type: String, default: null, index: true }) channelId!: string | null;
  /** The default webhook's URL, the channel id, or contact:<userId> (never a secret). */
  @Prop({ required: true }) target!: string;
  @Prop({ required: true }) recipient!: string;
  /** A person delivery (a paired cadre, 帮扶责任人): whose contact it goes to, read at send time. */
  @Prop({ type: String, default: null }) contactId?: string | null;
  /** The person's name, for the delivery log. */
  @Prop({ type: String, default: null }) recipientName?: string | null;
  @Prop({ required: true }) severity!: string;
  @Prop({ required: true }) title!: string;
  @Prop({ required: true }) message!: string;
  @Prop({ type: String, required: true, index: true }) status!: DeliveryStatus;
  @Prop({ type: [Object], default: [] }) attempts!: DeliveryAttempt[];
  /** Robots: the digest message this delivery was claimed into (resent as is until it succeeds). */
  @Prop({ type: String, default: null, index: true }) digestId!: string | null;
  /** 'alert': the alert as raised; 'escalation': sent again one org level up (升级提醒). */
  @Prop({ type: String, default: 'alert', index: true }) kind!: DeliveryKind;
  /** 0 for the alert itself; 1 the first escalation (town), 2 the county, then county repeats. */
  @Prop({ type: Number, default: 0 }) escalationLevel!: number;
  /** The org level an escalation went to; null for the alert itself. */
  @Prop({ type: String, default: null }) escalatedTo!: 'town' | 'county' | null;
  @Prop({ required: true }) createdAt!: Date;
  @Prop({ type: Date, default: null }) finishedAt!: Date | null;
}
export const DeliverySchema = SchemaFactory.createForClass(Delivery);
DeliverySchema.add(outboxSchemaFields);
