import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { CloudEvent } from '@lib/contracts';
import { OutboxRelay, outboxOnInsert } from '@lib/messaging';
import { IncomePayment } from './income-payment.schema';
import type { PaymentFact } from './income-figure';

/** Project payments counted into household income; insert-only. */
@Injectable()
export class PaymentsRepository implements OnModuleInit {
  constructor(
    @InjectModel(IncomePayment.name) private readonly model: Model<IncomePayment>,
    private readonly relay: OutboxRelay,
  ) {}

  onModuleInit() {
    this.relay.register(this.model.collection);
  }

  async exists(distributionId: string): Promise<boolean> {
    return (await this.model.collection.countDocuments({ _id: distributionId as never }, { limit: 1 })) > 0;
  }

  /** Stores the payment and its events in one write; false when the distributionId was already counted. */
  async insert(payment: IncomePayment, events: CloudEvent[]): Promise<boolean> {
    try {
      await this.model.collection.insertOne({
        ...payment,
        ...(events.length ? outboxOnInsert(events) : {}),
      } as never);
    } catch (e) {
      if ((e as { code?: number }).code === 11000) return false;
      throw e;
    }
    if (events.length) this.relay.kick();
    return true;
  }

  async factsOf(householdId: string): Promise<PaymentFact[]> {
    const docs = await this.model.find({ householdId }).lean<IncomePayment[]>().exec();
    return docs.map((d) => ({
      distributionId: d._id,
      projectId: d.projectId,
      projectName: d.projectName,
      kind: d.kind,
      component: d.component,
      amount: d.amount,
      paidOn: d.paidOn,
    }));
  }
}
