import { Injectable } from '@nestjs/common';
import { InjectModel, Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { NewestLoad } from '@lib/persistence';
import { ThresholdSetV1 } from '@lib/contracts';
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

/**
 * Rules' copy of the monitoring lines (monitoring owns them and announces each with threshold.set.v1).
 * Few and read on every evaluation: kept in memory, re-read every 5 s.
 */
@Injectable()
export class ThresholdsRepository {
  private cache: { rows: Threshold[]; at: number } | null = null;
  private reading: Promise<Threshold[]> | null = null;
  /** A read started before a line was set does not become the cache when it finishes after the set. */
  private readonly loads = new NewestLoad<Threshold[]>((rows) => (this.cache = { rows, at: Date.now() }));

  constructor(@InjectModel(ThresholdRow.name) private readonly model: Model<ThresholdRow>) {}

  /** Seeds the default lines (called once at start by StorageInit, after the indexes exist). */
  async seed() {
    await this.model.bulkWrite(
      DEFAULT_THRESHOLDS.map((t) => ({
        updateOne: {
          filter: { scope: t.scope, provinceCode: t.provinceCode, countyCode: t.countyCode, year: t.year },
          update: { $setOnInsert: t },
          upsert: true,
        },
      })),
      // ordered: one upsert at a time (parallel upserts into a collection being created can stall FerretDB)
      { ordered: true },
    );
  }

  /** The lines, read at most every 5 s: the partition batches running at once share one read. */
  async all(): Promise<Threshold[]> {
    if (this.cache && Date.now() - this.cache.at < 5_000) return this.cache.rows;
    const reading = (this.reading ??= this.loads
      .run(() => this.model.find({}, { _id: 0 }).lean().exec())
      .finally(() => {
        if (this.reading === reading) this.reading = null;
      }));
    return reading;
  }

  /**
   * A line set or changed in monitoring: the copy takes the new figure (an upsert: a redelivery sets
   * the same value again). Alerts already raised or resolved are not re-evaluated; the next income
   * change of each household is evaluated against the new line.
   */
  async applySet(events: ThresholdSetV1[]): Promise<void> {
    if (events.length === 0) return;
    await this.model.bulkWrite(
      events.map(({ data: t }) => ({
        updateOne: {
          filter: { scope: t.scope, provinceCode: t.provinceCode, countyCode: t.countyCode, year: t.year },
          update: { $set: { amount: t.amount, source: t.source } },
          upsert: true,
        },
      })),
      { ordered: true },
    );
    // the next evaluation reads the new line: neither the cache nor a read in flight since before the set
    this.loads.invalidate();
    this.cache = null;
    this.reading = null;
  }
}
