import { Injectable, Logger } from '@nestjs/common';
import { AssistanceIncomePaidV1, ProjectDistributionPaidV1 } from '@lib/contracts';
import { currentFigure } from '../domain/income-figure';
import { incomeChangedEvent } from '../domain/income-events';
import { CountedPayment, countedPayment, paymentRecord } from '../domain/payment-record';
import { HouseholdIncome } from '../household-income.service';
import { PaymentsStore } from '../household-income.store';

/** 收入台账: a project's or an assistance ledger's payment counted into the household's income, once. */
@Injectable()
export class CountPayment {
  private readonly logger = new Logger(CountPayment.name);

  constructor(
    private readonly income: HouseholdIncome,
    private readonly payments: PaymentsStore,
  ) {}

  /**
   * Counts a project payment once per distributionId (a redelivery, or another event with the same
   * distributionId, is a duplicate key), and announces the new figure in the same write.
   */
  distribution(e: ProjectDistributionPaidV1): Promise<void> {
    return this.count(countedPayment(e), e.id);
  }

  /**
   * Counts an assistance ledger's payment (公益岗位 wage, 雨露计划 subsidy, 消费帮扶 purchase, 村集体经济
   * distribution) the same way, once per paymentId, as the component the event names. Its ledger is
   * the payment's kind, its record (post, school, product, village) stands where a project would.
   */
  assistancePayment(e: AssistanceIncomePaidV1): Promise<void> {
    return this.count(countedPayment(e), e.id);
  }

  /**
   * A payment a replay wrote from the log before this app took it (replayed, its figure never
   * announced) is counted now: the figure without it and with it, announced in the update.
   */
  private async count(p: CountedPayment, eventId: string): Promise<void> {
    const id = p.fact.distributionId;
    const known = await this.payments.stateOf(id);
    const unannounced = known?.replayed === true && !known.changedFigure;
    if (known && !unannounced) return;
    const { surveys, payments } = await this.income.factsOf(p.householdId);
    const others = payments.filter((x) => x.distributionId !== id);
    const after = [...others, p.fact];
    const event = incomeChangedEvent({
      householdId: p.householdId,
      townCode: p.townCode,
      villageCode: p.villageCode,
      before: currentFigure(surveys, others),
      after: currentFigure(surveys, after),
      surveys,
      payments: after,
      cause: { kind: p.causeKind, id },
      time: new Date(),
    });
    const record = paymentRecord(p, { eventId, receivedAt: new Date(), changedFigure: event !== null });
    const events = event ? [event] : [];
    const counted = unannounced
      ? await this.payments.countReplayed(record, events)
      : await this.payments.insert(record, events);
    if (!counted) this.logger.log(`payment ${id} already counted (event ${eventId})`);
  }
}
