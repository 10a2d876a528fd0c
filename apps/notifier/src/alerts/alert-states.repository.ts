import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { AlertState } from './alert-state.schema';

type RaisedFacts = Omit<AlertState, '_id' | 'status' | 'acknowledgedAt' | 'resolvedAt'>;

const isDuplicateKey = (e: unknown) => (e as { code?: number }).code === 11000;

/**
 * The alert read model. Its writers are the alert event handlers, which Kafka runs one at a time
 * per alert (the events share the subject key), so no two writes to one alert race.
 */
@Injectable()
export class AlertStatesRepository {
  constructor(@InjectModel(AlertState.name) private readonly model: Model<AlertState>) {}

  find(alertId: string): Promise<AlertState | null> {
    return this.model.findById(alertId).lean<AlertState>().exec();
  }

  /**
   * Records a raised alert (open) unless it is known already; the facts are (re)written, the
   * status only on insert — a redelivered raise never reopens an acknowledged or resolved alert.
   * Returns the alert as it now stands.
   */
  async raised(alertId: string, facts: RaisedFacts): Promise<AlertState> {
    const doc = await this.model.collection.findOneAndUpdate(
      { _id: alertId as never },
      {
        $set: facts,
        $setOnInsert: { status: 'open', acknowledgedAt: null, resolvedAt: null },
      },
      { upsert: true, returnDocument: 'after', includeResultMetadata: false },
    );
    return doc as unknown as AlertState;
  }

  /** Open → acknowledged; a stub when the raise was never seen (it then never escalates). */
  async acknowledged(alertId: string, at: Date): Promise<void> {
    const r = await this.model
      .updateOne({ _id: alertId, status: 'open' }, { $set: { status: 'acknowledged', acknowledgedAt: at } })
      .exec();
    if (r.matchedCount === 0) await this.insertStub(alertId, { status: 'acknowledged', acknowledgedAt: at });
  }

  /** Any state → resolved (final). */
  async resolved(alertId: string, at: Date): Promise<void> {
    await this.model.collection.updateOne(
      { _id: alertId as never },
      { $set: { status: 'resolved', resolvedAt: at } },
      { upsert: true },
    );
  }

  private async insertStub(alertId: string, set: Partial<AlertState>) {
    try {
      await this.model.collection.insertOne({ _id: alertId, ...set } as never);
    } catch (e) {
      if (!isDuplicateKey(e)) throw e; // known already (acknowledged or resolved): nothing to do
    }
  }
}
