import { Injectable } from '@nestjs/common';
import { InjectConnection, InjectModel } from '@nestjs/mongoose';
import { Connection, Model } from 'mongoose';
import { CloudEvent } from '@lib/contracts';
import { OutboxRelay } from '@lib/messaging';
import { ReadModelUser, Store } from '@lib/persistence';
import { IncomePayment } from './income-payment.schema';
import type { PaymentFact } from './domain/income-figure';

/**
 * Project payments counted into household income; insert-only (a replayed one is completed once, see
 * countReplayed). Its collection is `income_payments` until a replay rebuilt it into another (`npm run
 * replay -- monitoring household-income`, replay/household-income-pointer.ts switches it over): every
 * read and write goes to the collection in use.
 */
@Injectable()
export class PaymentsStore implements ReadModelUser {
  private store: Store<IncomePayment>;

  constructor(
    @InjectModel(IncomePayment.name) model: Model<IncomePayment>,
    @InjectConnection() private readonly connection: Connection,
    private readonly relay: OutboxRelay,
  ) {
    this.store = Store.of(model, { relay });
  }

  get collectionName(): string {
    return this.store.collectionName;
  }

  /**
   * Reads and writes `name` from now on (a replayed ledger switched over). The previous collection
   * stays registered with the relay: events still pending in it are published.
   */
  useCollection(name: string): void {
    if (name === this.store.collectionName) return;
    this.store = Store.named<IncomePayment>(this.connection, name, { relay: this.relay });
  }

  /** Whether the payment is counted, and whether a replay wrote it without its figure announced. */
  stateOf(distributionId: string): Promise<Pick<IncomePayment, 'changedFigure' | 'replayed'> | null> {
    return this.store.findOne({ _id: distributionId }, { projection: { changedFigure: 1, replayed: 1 } });
  }

  /** Stores the payment and its events in one write; false when the distributionId was already counted. */
  insert(payment: IncomePayment, events: CloudEvent[]): Promise<boolean> {
    return this.store.insertNew(payment, events);
  }

  /**
   * A payment a replay wrote before this app took it: counted now, its events in the same write (the
   * replay's first event id kept); false when another delivery did it first.
   */
  async countReplayed(payment: IncomePayment, events: CloudEvent[]): Promise<boolean> {
    const res = await this.store.updateOne(
      { _id: payment._id, replayed: true, changedFigure: false },
      {
        $set: { receivedAt: payment.receivedAt, changedFigure: payment.changedFigure },
        $unset: { replayed: '' },
      },
      { events },
    );
    return res.modifiedCount > 0;
  }

  async factsOf(householdId: string): Promise<PaymentFact[]> {
    return (await this.factsOfMany([householdId])).get(householdId) ?? [];
  }

  /** The payments of several households in one statement (a consumer's batch), per household. */
  async factsOfMany(householdIds: string[]): Promise<Map<string, PaymentFact[]>> {
    const docs = await this.store
      .find(
        householdIds.length === 1 ? { householdId: householdIds[0] } : { householdId: { $in: householdIds } },
      )
      .toArray();
    const out = new Map<string, PaymentFact[]>(householdIds.map((id) => [id, []]));
    for (const d of docs)
      out.get(d.householdId)?.push({
        distributionId: d._id,
        projectId: d.projectId,
        projectName: d.projectName,
        kind: d.kind,
        component: d.component,
        amount: d.amount,
        paidOn: d.paidOn,
      });
    return out;
  }
}
