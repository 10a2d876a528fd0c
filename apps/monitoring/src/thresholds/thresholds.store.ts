import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { CloudEvent } from '@lib/contracts';
import { OutboxRelay } from '@lib/messaging';
import { isDuplicateKeyError, Store } from '@lib/persistence';
import { ThresholdChange, ThresholdCurrent } from './thresholds.schema';

/**
 * 监测范围's persistence: the insert-only history of changes (each with its threshold.set.v1 in its
 * outbox) and the current line per key, rolled forward from it.
 */
@Injectable()
export class ThresholdsStore {
  private readonly changeStore: Store<ThresholdChange>;

  constructor(
    @InjectModel(ThresholdChange.name) private readonly changes: Model<ThresholdChange>,
    @InjectModel(ThresholdCurrent.name) private readonly current: Model<ThresholdCurrent>,
    relay: OutboxRelay,
  ) {
    this.changeStore = Store.of(changes, { relay });
  }

  /** The change and its event in one write; a duplicate key (the same version exists) is thrown. */
  insertChange(change: ThresholdChange, events: CloudEvent[]): Promise<void> {
    return this.changeStore.insert(change, events);
  }

  /** Every change, or those of one key. */
  changesOf(key?: string): Promise<ThresholdChange[]> {
    return this.changes
      .find(key ? { key } : {})
      .lean<ThresholdChange[]>()
      .exec();
  }

  /** Brings the current line up to the change (never backwards: an older or equal version changes nothing). */
  async applyToCurrent(c: ThresholdChange): Promise<void> {
    try {
      await this.current.updateOne(
        { _id: c.key, version: { $lt: c.version } },
        {
          $set: {
            version: c.version,
            scope: c.scope,
            provinceCode: c.provinceCode,
            countyCode: c.countyCode,
            year: c.year,
            amount: c.amount,
            source: c.source,
            reason: c.reason,
            setBy: c.setBy,
            setAt: c.setAt,
          },
        },
        { upsert: true },
      );
    } catch (e) {
      if (!isDuplicateKeyError(e)) throw e; // already at this version or later
    }
  }

  currentOf(key: string): Promise<ThresholdCurrent | null> {
    return this.current.findById(key).lean<ThresholdCurrent>().exec();
  }

  currentLines(filter: Record<string, unknown>): Promise<ThresholdCurrent[]> {
    return this.current.find(filter).lean<ThresholdCurrent[]>().exec();
  }

  /** One page of the history, newest first. */
  async history(filter: Record<string, unknown>, page: number, pageSize: number) {
    const [items, total] = await Promise.all([
      this.changes
        .find(filter)
        .sort({ setAt: -1, version: -1 })
        .skip((page - 1) * pageSize)
        .limit(pageSize)
        .lean<ThresholdChange[]>()
        .exec(),
      this.changes.countDocuments(filter).exec(),
    ]);
    return { items, total };
  }
}
