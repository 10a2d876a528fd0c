import { Controller, Get, Injectable, OnModuleInit } from '@nestjs/common';
import { InjectModel, Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { Permissions, Roles } from '@lib/auth';
import { DEFAULT_THRESHOLDS } from './default-thresholds';
import { Threshold } from './threshold';

@Schema({ collection: 'thresholds', versionKey: false })
export class ThresholdRow implements Threshold {
  @Prop({ type: String, required: true }) scope!: Threshold['scope'];
  @Prop({ type: String, default: null }) provinceCode!: string | null;
  @Prop({ type: String, default: null }) countyCode!: string | null;
  @Prop({ required: true }) year!: number;
  @Prop({ required: true }) amount!: number;
  @Prop({ required: true }) source!: string;
}
export const ThresholdRowSchema = SchemaFactory.createForClass(ThresholdRow);
ThresholdRowSchema.index({ scope: 1, provinceCode: 1, countyCode: 1, year: 1 }, { unique: true });

/** Thresholds are few and read on every survey: kept in memory, re-read every 30 s. */
@Injectable()
export class ThresholdsRepository implements OnModuleInit {
  private cache: { rows: Threshold[]; at: number } | null = null;

  constructor(@InjectModel(ThresholdRow.name) private readonly model: Model<ThresholdRow>) {}

  async onModuleInit() {
    await this.model.bulkWrite(
      DEFAULT_THRESHOLDS.map((t) => ({
        updateOne: {
          filter: { scope: t.scope, provinceCode: t.provinceCode, countyCode: t.countyCode, year: t.year },
          update: { $setOnInsert: t },
          upsert: true,
        },
      })),
      { ordered: false },
    );
  }

  async all(): Promise<Threshold[]> {
    if (this.cache && Date.now() - this.cache.at < 30_000) return this.cache.rows;
    const rows = await this.model.find({}, { _id: 0 }).lean().exec();
    this.cache = { rows, at: Date.now() };
    return rows;
  }
}

@Controller('api/v1/thresholds')
export class ThresholdsController {
  constructor(private readonly thresholds: ThresholdsRepository) {}

  /** Reference data of the whole platform (keyed by province and county), not tenant records. */
  @Get()
  @Roles(...Permissions.readThresholds)
  async list() {
    const items = await this.thresholds.all();
    return { items: [...items].sort((a, b) => a.year - b.year || a.scope.localeCompare(b.scope)) };
  }
}
