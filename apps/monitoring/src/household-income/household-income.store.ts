import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { CloudEvent } from '@lib/contracts';
import { OutboxRelay } from '@lib/messaging';
import { Store } from '@lib/persistence';
import { IncomePayment } from './income-payment.schema';
import type { PaymentFact } from './domain/income-figure';

/** Project payments counted into household income; insert-only. */
@Injectable()
export class PaymentsStore {
  private readonly store: Store<IncomePayment>;

  constructor(@InjectModel(IncomePayment.name) model: Model<IncomePayment>, relay: OutboxRelay) {
    this.store = Store.of(model, { relay });
  }

  exists(distributionId: string): Promise<boolean> {
    return this.store.exists({ _id: distributionId });
  }

  /** Stores the payment and its events in one write; false when the distributionId was already counted. */
  insert(payment: IncomePayment, events: CloudEvent[]): Promise<boolean> {
    return this.store.insertNew(payment, events);
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
