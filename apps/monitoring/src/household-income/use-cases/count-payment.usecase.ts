import { Injectable, Logger } from '@nestjs/common';
import {
  AssistanceIncomePaidV1,
  incomeComponentOfBenefit,
  orgUnitsOfVillage,
  ProjectDistributionPaidV1,
} from '@lib/contracts';
import { currentFigure, PaymentFact } from '../domain/income-figure';
import { incomeChangedEvent } from '../domain/income-events';
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
    const d = e.data;
    return this.count(
      {
        distributionId: d.distributionId,
        projectId: d.projectId,
        projectName: d.projectName,
        kind: d.kind,
        component: incomeComponentOfBenefit(d.kind),
        amount: d.amount,
        paidOn: d.paidOn,
      },
      { ...d, eventId: e.id, causeKind: 'project-distribution' },
    );
  }

  /**
   * Counts an assistance ledger's payment (公益岗位 wage, 雨露计划 subsidy, 消费帮扶 purchase, 村集体经济
   * distribution) the same way, once per paymentId, as the component the event names. Its ledger is
   * the payment's kind, its record (post, school, product, village) stands where a project would.
   */
  assistancePayment(e: AssistanceIncomePaidV1): Promise<void> {
    const d = e.data;
    return this.count(
      {
        distributionId: d.paymentId,
        projectId: d.recordId,
        projectName: d.recordName,
        kind: d.ledger,
        component: d.component,
        amount: d.amount,
        paidOn: d.paidOn,
      },
      { ...d, eventId: e.id, causeKind: 'assistance-payment' },
    );
  }

  private async count(
    fact: PaymentFact,
    src: {
      householdId: string;
      townCode: string;
      villageCode: string;
      recordedBy: string;
      eventId: string;
      causeKind: 'project-distribution' | 'assistance-payment';
    },
  ): Promise<void> {
    if (await this.payments.exists(fact.distributionId)) return;
    const { surveys, payments } = await this.income.factsOf(src.householdId);
    const after = [...payments.filter((p) => p.distributionId !== fact.distributionId), fact];
    const event = incomeChangedEvent({
      householdId: src.householdId,
      townCode: src.townCode,
      villageCode: src.villageCode,
      before: currentFigure(surveys, payments),
      after: currentFigure(surveys, after),
      surveys,
      payments: after,
      cause: { kind: src.causeKind, id: fact.distributionId },
      time: new Date(),
    });
    const inserted = await this.payments.insert(
      {
        _id: fact.distributionId,
        householdId: src.householdId,
        countyCode: orgUnitsOfVillage(src.villageCode).countyCode,
        townCode: src.townCode,
        villageCode: src.villageCode,
        projectId: fact.projectId,
        projectName: fact.projectName,
        kind: fact.kind,
        component: fact.component,
        amount: fact.amount,
        paidOn: fact.paidOn,
        recordedBy: src.recordedBy,
        eventId: src.eventId,
        receivedAt: new Date(),
        changedFigure: event !== null,
      },
      event ? [event] : [],
    );
    if (!inserted) this.logger.log(`payment ${fact.distributionId} already counted (event ${src.eventId})`);
  }
}
