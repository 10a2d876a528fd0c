import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { outboxSchemaFields } from '@lib/messaging';

export const ReceivedVia = ['dingtalk', 'signed-api', 'kafka'] as const;
export type ReceivedVia = (typeof ReceivedVia)[number];

/** Fields a stored check-in keeps from its record (打卡记录). */
class CheckInFields {
  @Prop({ required: true }) source!: string;
  @Prop({ required: true }) sourceRecordId!: string;
  @Prop({ type: String, default: null }) userId!: string | null;
  @Prop({ required: true }) checkTime!: Date;
  @Prop({ type: Number, default: null }) latitude!: number | null;
  @Prop({ type: Number, default: null }) longitude!: number | null;
  @Prop({ type: String, default: null }) address!: string | null;
  @Prop({ type: String, default: null }) locationResult!: string | null;
  @Prop({ type: String, default: null }) locationMethod!: string | null;
  @Prop({ type: String, default: null }) deviceSN!: string | null;
  @Prop({ type: String, default: null }) deviceId!: string | null;
  @Prop({ required: true }) checkByUser!: boolean;
  @Prop({ type: String, required: true }) receivedVia!: ReceivedVia;
  @Prop({ required: true }) receivedAt!: Date;
}

/**
 * A check-in matched to a member. _id = `${source}:${sourceRecordId}`, so the primary key itself
 * ignores duplicates (no extra unique index to keep in step).
 */
@Schema({ collection: 'checkins', versionKey: false })
export class CheckIn extends CheckInFields {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ required: true }) memberId!: string;
  @Prop({ required: true }) teamId!: string;
  @Prop({ required: true }) countyCode!: string;
  @Prop({ required: true }) townCode!: string;
  @Prop({ required: true }) villageCode!: string;
  /** Local (China Standard Time) day, YYYY-MM-DD. */
  @Prop({ required: true }) day!: string;
  @Prop({ type: Boolean, default: null }) insideGeofence!: boolean | null;
}
export const CheckInSchema = SchemaFactory.createForClass(CheckIn);
CheckInSchema.add(outboxSchemaFields);
CheckInSchema.index({ memberId: 1, day: 1 });
CheckInSchema.index({ day: 1, deviceSN: 1 });
CheckInSchema.index({ day: 1 }); // recompute reads a batch's days by equality

/** A check-in whose user no member is mapped to (yet): kept aside and listed for the town to fix. */
@Schema({ collection: 'unmatched_checkins', versionKey: false })
export class UnmatchedCheckIn extends CheckInFields {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ type: String, default: null }) memberId!: string | null;
  @Prop({ required: true }) reason!: string;
  /**
   * The org unit the record came from, when known (a signed client's unit, or the member's team when
   * it lay outside that unit): only callers whose scope covers it see the record. Null when unknown
   * (DingTalk, Kafka): then only the service identity lists it.
   */
  @Prop({ type: String, default: null }) countyCode!: string | null;
  @Prop({ type: String, default: null }) townCode!: string | null;
  @Prop({ type: String, default: null }) villageCode!: string | null;
}
export const UnmatchedCheckInSchema = SchemaFactory.createForClass(UnmatchedCheckIn);
UnmatchedCheckInSchema.index({ receivedAt: -1 });
UnmatchedCheckInSchema.index({ userId: 1 });
