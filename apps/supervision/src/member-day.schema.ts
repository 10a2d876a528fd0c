import { Prop } from '@nestjs/mongoose';

/** What every per-member, per-day record stores: who, their team and its org units, the local day. */
export abstract class MemberDayRecord {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ required: true }) memberId!: string;
  @Prop({ required: true }) teamId!: string;
  @Prop({ required: true }) countyCode!: string;
  @Prop({ required: true }) townCode!: string;
  @Prop({ required: true }) villageCode!: string;
  /** Local (China Standard Time) day, YYYY-MM-DD. */
  @Prop({ required: true }) day!: string;
}
