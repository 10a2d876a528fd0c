import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/** 驻村工作队: one work team posted to one village. */
@Schema({ collection: 'teams', versionKey: false })
export class Team {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ required: true }) name!: string;
  @Prop({ required: true }) countyCode!: string;
  @Prop({ required: true, index: true }) townCode!: string;
  @Prop({ required: true, index: true }) villageCode!: string;
  /** 派出单位 */
  @Prop({ required: true }) sendingUnit!: string;
  /** The village's geofence (村委会 centre and radius; or the village outline 村界, which then decides). */
  @Prop({ type: Object, required: true }) geofence!: {
    latitude: number;
    longitude: number;
    radiusM: number;
    polygon?: Array<{ latitude: number; longitude: number }> | null;
  };
  /** The county's required on-post days per month (每月在岗天数). */
  @Prop({ required: true }) requiredDaysPerMonth!: number;
  /** HH:MM local. */
  @Prop({ type: Object, required: true }) workingHours!: { start: string; end: string };
  @Prop({ required: true }) createdAt!: Date;
  @Prop({ required: true }) updatedAt!: Date;
}
export const TeamSchema = SchemaFactory.createForClass(Team);

export const MemberRole = ['first_secretary', 'member'] as const;

/** 工作队队员 (第一书记 or member), with the posting period (驻村期) and the DingTalk user id. */
@Schema({ collection: 'members', versionKey: false })
export class Member {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ required: true, index: true }) teamId!: string;
  @Prop({ required: true }) countyCode!: string;
  @Prop({ required: true }) townCode!: string;
  @Prop({ required: true }) villageCode!: string;
  @Prop({ required: true }) name!: string;
  @Prop({ type: String, required: true, enum: MemberRole }) role!: (typeof MemberRole)[number];
  @Prop({ required: true }) sendingUnit!: string;
  /** YYYY-MM-DD inclusive. */
  @Prop({ required: true }) postedFrom!: string;
  @Prop({ type: String, default: null }) postedTo!: string | null;
  @Prop({ type: String, default: null, index: true }) dingtalkUserId!: string | null;
  @Prop({ required: true }) createdAt!: Date;
  @Prop({ required: true }) updatedAt!: Date;
}
export const MemberSchema = SchemaFactory.createForClass(Member);
