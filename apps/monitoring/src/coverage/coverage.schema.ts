import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { outboxSchemaFields } from '@lib/messaging';

/** A household as coverage counts it: when it entered the registry (China time). One per household, insert-only. */
@Schema({ collection: 'coverage_households', versionKey: false })
export class CoverageHousehold {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ required: true }) householdNumber!: string;
  @Prop({ required: true, index: true }) countyCode!: string;
  @Prop({ required: true, index: true }) townCode!: string;
  @Prop({ required: true, index: true }) villageCode!: string;
  /** YYYY-MM and day of month of the registration, China time */
  @Prop({ required: true }) fromMonth!: string;
  @Prop({ required: true }) fromDay!: number;
  @Prop({ required: true }) registeredAt!: Date;
}
export const CoverageHouseholdSchema = SchemaFactory.createForClass(CoverageHousehold);

/**
 * 已走访 marker: household H was surveyed for month M. `_id: <householdId>:<month>`, insert-only (a
 * duplicate key means already counted), written when survey.recorded.v1 comes back from our own
 * topic. Counts are `$group/$sum` over the markers of a month and town: no shared counter document.
 */
@Schema({ collection: 'coverage_marks', versionKey: false })
export class CoverageMark {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ required: true }) householdId!: string;
  @Prop({ required: true }) month!: string;
  @Prop({ required: true }) countyCode!: string;
  @Prop({ required: true }) townCode!: string;
  @Prop({ required: true }) villageCode!: string;
  /** the household's entry into the registry (null if unknown), so counts need no join */
  @Prop({ type: String, default: null }) fromMonth!: string | null;
  @Prop({ type: Number, default: null }) fromDay!: number | null;
  @Prop({ required: true }) surveyId!: string;
  @Prop({ required: true }) visitedAt!: Date;
  /** when the survey was recorded (its survey.recorded.v1's time: derivable, replay/coverage-replay.ts) */
  @Prop({ required: true }) markedAt!: Date;
}
export const CoverageMarkSchema = SchemaFactory.createForClass(CoverageMark);
CoverageMarkSchema.index({ townCode: 1, month: 1 });
CoverageMarkSchema.index({ villageCode: 1, month: 1 });
CoverageMarkSchema.index({ countyCode: 1, month: 1 });

/**
 * A village-month whose counts changed and are not yet announced, `_id: <villageCode>:<month>`.
 * The consumer (re)sets `touch` to a new random value with each batch; the announcer computes the
 * counts, announces, and deletes the doc only if `touch` is still what it read (otherwise a newer
 * batch came in meanwhile and the next round announces again). Written before the offsets are
 * committed, so nothing is lost on a crash; many batches of a village are announced once.
 */
@Schema({ collection: 'coverage_pending', versionKey: false })
export class CoveragePending {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ required: true }) villageCode!: string;
  @Prop({ required: true }) townCode!: string;
  @Prop({ required: true }) month!: string;
  @Prop({ required: true }) touch!: string;
}
export const CoveragePendingSchema = SchemaFactory.createForClass(CoveragePending);

/**
 * One coverage.changed.v1 announcement: `_id: <villageCode>:<month>:<households>:<surveyed>` (the
 * state announced), insert-only with the event in its outbox, so a redelivered batch announces
 * nothing twice (several replicas announcing the same state insert one document).
 */
@Schema({ collection: 'coverage_announcements', versionKey: false })
export class CoverageAnnouncement {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ required: true }) villageCode!: string;
  @Prop({ required: true }) month!: string;
  @Prop({ required: true }) at!: Date;
}
export const CoverageAnnouncementSchema = SchemaFactory.createForClass(CoverageAnnouncement);
CoverageAnnouncementSchema.add(outboxSchemaFields);
