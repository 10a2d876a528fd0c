import { Injectable } from '@nestjs/common';
import { InjectConnection, InjectModel } from '@nestjs/mongoose';
import { Connection, Model } from 'mongoose';
import { ReadModelUser, Store } from '@lib/persistence';
import { AlertState } from './alerts.schema';
import { ALERT_STUB, openAlert, RaisedFacts } from './domain/alert-record';

/**
 * The alert read model. Its writers are the alert event handlers, which Kafka runs one at a time
 * per alert (the events share the subject key), so no two writes to one alert race. Every read and
 * write goes to the collection in use: `alerts` until a replay rebuilt it into another (`npm run
 * replay -- notifier alerts`, replay/alerts-pointer.ts switches it over).
 */
@Injectable()
export class AlertStatesStore implements ReadModelUser {
  private store: Store<AlertState>;

  constructor(
    @InjectModel(AlertState.name) model: Model<AlertState>,
    @InjectConnection() private readonly connection: Connection,
  ) {
    this.store = Store.of(model);
  }

  get collectionName(): string {
    return this.store.collectionName;
  }

  /** Reads and writes `name` from now on (a replayed alert read model switched over). */
  useCollection(name: string): void {
    if (name !== this.store.collectionName) this.store = Store.named<AlertState>(this.connection, name);
  }

  find(alertId: string): Promise<AlertState | null> {
    return this.store.findOne({ _id: alertId });
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
    const docs: AlertState[] = items.map(({ alertId, facts }) => openAlert(alertId, facts));
    const { duplicates } = await this.store.insertManyNew(docs);
    const out = new Map(docs.map((d) => [d._id, d]));
    for (const i of duplicates)
      out.set(items[i].alertId, await this.raised(items[i].alertId, items[i].facts));
    return out;
  }

  /** Open → acknowledged; a stub when the raise was not seen (it then does not escalate). */
  async acknowledged(alertId: string, at: Date): Promise<void> {
    const r = await this.store.updateOne(
      { _id: alertId, status: 'open' },
      { $set: { status: 'acknowledged', acknowledgedAt: at } },
    );
    // known already (acknowledged or resolved): the stub is refused and nothing changes
    if (r.matchedCount === 0)
      await this.store.insertNew({ _id: alertId, ...ALERT_STUB, status: 'acknowledged', acknowledgedAt: at });
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
