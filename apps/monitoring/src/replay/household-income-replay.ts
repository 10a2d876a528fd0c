import {
  AssistanceIncomePaidV1,
  CloudEvent,
  HouseholdIncomeChangedV1,
  ProjectDistributionPaidV1,
  Topics,
} from '@lib/contracts';
import { OUTBOX_PENDING, OUTBOX_SEQ } from '@lib/messaging';
import { AppReplayOptions, ReadModelReplayResult, replayReadModel, ShadowWriter } from '@lib/persistence';
import { countedPayment, paymentRecord } from '../household-income/domain/payment-record';
import type { IncomePayment } from '../household-income/income-payment.schema';
import { HOUSEHOLD_INCOME_READ_MODEL } from './household-income-pointer';

export interface HouseholdIncomeReplayResult extends ReadModelReplayResult {
  payments: number;
}

/** The payments' collection (income-payment.schema.ts). */
export const INCOME_PAYMENTS = 'income_payments';

/**
 * Folds the payments of projects.events.v1 (project.distribution-paid.v1, assistance.income-paid.v1)
 * into the income ledger's records in memory, as CountPayment writes them: one per distributionId
 * (paymentId), the first event's. What the log cannot say is taken from it as near as it can:
 * `receivedAt` is the payment event's time (when the app took it is in no event); `changedFigure` is
 * whether monitoring.events.v1 holds the household-income.changed.v1 it caused. Each record is marked
 * `replayed` and carries no outbox: replay announces nothing.
 */
export class HouseholdIncomeFold {
  readonly payments = new Map<string, IncomePayment>();
  /** The payments changed since the last flush. */
  readonly changed = new Set<string>();
  /** The payments whose changed figure was announced (household-income.changed.v1's cause). */
  private readonly announced = new Set<string>();

  /** Folds a batch; answers how many events changed a record. */
  apply(events: readonly CloudEvent[]): number {
    let applied = 0;
    for (const e of events) {
      const id = this.fold(e);
      if (id === null) continue;
      this.changed.add(id);
      applied++;
    }
    return applied;
  }

  /** The payment the event changed, null if none. */
  private fold(e: CloudEvent): string | null {
    if (e.type === ProjectDistributionPaidV1.type || e.type === AssistanceIncomePaidV1.type) {
      const p = countedPayment(e as ProjectDistributionPaidV1 | AssistanceIncomePaidV1);
      const id = p.fact.distributionId;
      if (this.payments.has(id)) return null; // counted once: the first event's
      const receivedAt = new Date(e.time ?? 0);
      const changedFigure = this.announced.has(id);
      this.payments.set(id, paymentRecord(p, { eventId: e.id, receivedAt, changedFigure, replayed: true }));
      return id;
    }
    if (e.type === HouseholdIncomeChangedV1.type) {
      const { cause } = (e as HouseholdIncomeChangedV1).data;
      if (cause.kind !== 'project-distribution' && cause.kind !== 'assistance-payment') return null;
      this.announced.add(cause.id);
      const p = this.payments.get(cause.id);
      if (!p || p.changedFigure) return null;
      p.changedFigure = true;
      return cause.id;
    }
    return null;
  }
}

/**
 * Rebuilds the income ledger's payments (收入台账, `income_payments`) from Kafka while the app keeps
 * serving and consuming (libs/persistence's replayReadModel): projects.events.v1 for the payments,
 * monitoring.events.v1 for which of them changed the figure. Written to the shadow
 * `income_payments_r<time>` per flush — new records in one unordered insertMany, those written by an
 * earlier flush and changed since (announced later) replaced by _id. The surveys, the other half of the
 * income, are monitoring's own record and are not touched.
 */
export async function replayHouseholdIncome(o: AppReplayOptions): Promise<HouseholdIncomeReplayResult> {
  const fold = new HouseholdIncomeFold();
  const writer = new ShadowWriter<IncomePayment>();
  const result = await replayReadModel<IncomePayment>(
    {
      ...o,
      topics: [`${o.topicPrefix}${Topics.projects}`, `${o.topicPrefix}${Topics.monitoring}`],
      readModel: HOUSEHOLD_INCOME_READ_MODEL,
      collection: INCOME_PAYMENTS,
    },
    {
      async prepare(shadow) {
        // the schema's indexes (income-payment.schema.ts, outboxSchemaFields): the app writes here after
        await shadow.createIndex({ householdId: 1 });
        await shadow.createIndex({ [OUTBOX_PENDING]: 1 });
        await shadow.createIndex({ [OUTBOX_SEQ]: 1 });
      },
      apply: (events) => fold.apply(events),
      async flush(shadow) {
        await writer.flush(shadow, fold.changed, (id) => fold.payments.get(id));
      },
    },
  );
  return { ...result, payments: fold.payments.size };
}
