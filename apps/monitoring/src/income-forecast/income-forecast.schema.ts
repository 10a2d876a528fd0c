import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { outboxSchemaFields } from '@lib/messaging';
import type { ForecastMonth, ForecastReason } from './domain/forecast';

/**
 * 收入趋势预测: the latest forecast of one household (`_id` = householdId), replaced when its facts
 * change; carries household-income.forecast.v1 in its outbox. `atRisk`: expected under the year's line
 * within 3 months (monitoring's own line, for the at-risk list; rules decide alerts with theirs).
 */
@Schema({ collection: 'income_forecasts', versionKey: false })
export class IncomeForecast {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ required: true }) countyCode!: string;
  @Prop({ required: true }) townCode!: string;
  @Prop({ required: true }) villageCode!: string;
  @Prop({ type: String, default: null }) householdNumber!: string | null;
  @Prop({ required: true }) method!: 'seasonal-naive-trend';
  @Prop({ required: true }) baseMonth!: string;
  @Prop({ required: true }) current!: number;
  @Prop({ type: [Object], required: true }) months!: ForecastMonth[];
  @Prop({ type: Object, required: true }) yearEnd!: {
    year: number;
    expected: number;
    lower: number;
    upper: number;
  };
  @Prop({ required: true }) sigma!: number;
  @Prop({ type: [Object], required: true }) reasons!: ForecastReason[];
  @Prop({ type: Number, default: null }) line!: number | null;
  /** The line of each forecast month (next year's for the months in it, when set). */
  @Prop({ type: [Object], default: [] }) monthLines!: Array<{ month: string; line: number | null }>;
  /** Said when a month's year has no line of its own yet and an earlier year's stands in. */
  @Prop({ type: String, default: null }) lineNote!: string | null;
  /** Months until a month is under its line with a 45 % chance (1–3), null when not within 3 months. */
  @Prop({ type: Number, default: null }) monthsToLine!: number | null;
  @Prop({ type: Boolean, default: false }) atRisk!: boolean;
  @Prop({ required: true }) computedAt!: Date;
}
export const IncomeForecastSchema = SchemaFactory.createForClass(IncomeForecast);
IncomeForecastSchema.add(outboxSchemaFields);
IncomeForecastSchema.index({ villageCode: 1, atRisk: 1 });
IncomeForecastSchema.index({ townCode: 1, atRisk: 1 });
