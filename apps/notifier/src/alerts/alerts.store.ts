import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { Store } from '@lib/persistence';
import { AlertState } from './alerts.schema';

type RaisedFacts = Omit<AlertState, '_id' | 'status' | 'acknowledgedAt' | 'resolvedAt'>;

/**
 * The alert read model. Its writers are the alert event handlers, which Kafka runs one at a time
 * per alert (the events share the subject key), so no two writes to one alert race.
 */
@Injectable()
export class AlertStatesStore {
  private readonly store: Store<AlertState>;

  constructor(@InjectModel(AlertState.name) private readonly model: Model<AlertState>) {
    this.store = Store.of(model);
  }

  find(alertId: string): Promise<AlertState | null> {
    return this.model.findById(alertId).lean<AlertState>().exec();
  }

  /**
   * Records a raised alert (open) unless it is known already; the facts are (re)written, the
   * status only on insert — a redelivered raise never reopens an acknowledged or resolved alert.
   * Returns the alert as it now stands.
   */
  async raised(alertId: string, facts: RaisedFacts): Promise<AlertState> {
    const doc = await this.store.findOneAndUpdate(
      { _id: alertId },
      {
        $set: facts,
        $setOnInsert: { status: 'open', acknowledgedAt: null, resolvedAt: null },
      },
      { upsert: true, returnDocument: 'after' },
    );
    return doc!;
  }

  /**
   * A batch of raised alerts: the new ones inserted open in one unordered insert; an alert known
   * already (a redelivered raise, or a stub from an acknowledgement seen first) is refused there
   * and recorded one by one as `raised` does. Returns each alert as it now stands, by id.
   */
  async raisedMany(items: Array<{ alertId: string; facts: RaisedFacts }>): Promise<Map<string, AlertState>> {
    const docs: AlertState[] = items.map(({ alertId, facts }) => ({
      _id: alertId,
      ...facts,
      status: 'open',
      acknowledgedAt: null,
      resolvedAt: null,
    }));
    const { duplicates } = await this.store.insertManyNew(docs);
    const out = new Map(docs.map((d) => [d._id, d]));
    for (const i of duplicates)
      out.set(items[i].alertId, await this.raised(items[i].alertId, items[i].facts));
    return out;
  }

  /** Open → acknowledged; a stub when the raise was not seen (it then does not escalate). */
  async acknowledged(alertId: string, at: Date): Promise<void> {
    const r = await this.model
      .updateOne({ _id: alertId, status: 'open' }, { $set: { status: 'acknowledged', acknowledgedAt: at } })
      .exec();
    // known already (acknowledged or resolved): the stub is refused and nothing changes
    if (r.matchedCount === 0)
      await this.store.insertNew({ _id: alertId, ...STUB, status: 'acknowledged', acknowledgedAt: at });
  }

  /** Any state → resolved (final). */
  async resolved(alertId: string, at: Date): Promise<void> {
    await this.store.updateOne(
      { _id: alertId },
      { $set: { status: 'resolved', resolvedAt: at } },
      { upsert: true },
    );
  }
}

/** What a stub (an alert whose raise was not seen) holds besides its status. */
const STUB: Omit<AlertState, '_id' | 'status'> = {
  countyCode: null,
  townCode: null,
  villageCode: null,
  subjectId: null,
  ruleId: null,
  severity: null,
  title: null,
  message: null,
  recipientRoles: [],
  escalateAfterMinutes: 0,
  raisedAt: null,
  acknowledgedAt: null,
  resolvedAt: null,
};
