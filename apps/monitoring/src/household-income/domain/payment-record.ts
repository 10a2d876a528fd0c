import {
  AssistanceIncomePaidV1,
  incomeComponentOfBenefit,
  orgUnitsOfVillage,
  ProjectDistributionPaidV1,
} from '@lib/contracts';
import type { IncomePayment } from '../income-payment.schema';
import type { PaymentFact } from './income-figure';

/** What caused a household-income.changed.v1 that a payment brought (its `cause.kind`). */
export type PaymentCauseKind = 'project-distribution' | 'assistance-payment';

/** A payment counted into the household's income, as its event says it (one per distributionId). */
export interface CountedPayment {
  fact: PaymentFact;
  householdId: string;
  countyCode: string;
  townCode: string;
  villageCode: string;
  recordedBy: string;
  causeKind: PaymentCauseKind;
}

/**
 * The payment an event brings: a project's distribution (its kind gives the component,
 * incomeComponentOfBenefit), or an assistance ledger's payment (the component it names; its ledger is
 * the kind, its record — post, school, product, village — stands where a project would).
 */
export function countedPayment(e: ProjectDistributionPaidV1 | AssistanceIncomePaidV1): CountedPayment {
  const place = {
    householdId: e.data.householdId,
    countyCode: orgUnitsOfVillage(e.data.villageCode).countyCode,
    townCode: e.data.townCode,
    villageCode: e.data.villageCode,
    recordedBy: e.data.recordedBy,
  };
  if (e.type === ProjectDistributionPaidV1.type) {
    const d = (e as ProjectDistributionPaidV1).data;
    return {
      ...place,
      causeKind: 'project-distribution',
      fact: {
        distributionId: d.distributionId,
        projectId: d.projectId,
        projectName: d.projectName,
        kind: d.kind,
        component: incomeComponentOfBenefit(d.kind),
        amount: d.amount,
        paidOn: d.paidOn,
      },
    };
  }
  const d = (e as AssistanceIncomePaidV1).data;
  return {
    ...place,
    causeKind: 'assistance-payment',
    fact: {
      distributionId: d.paymentId,
      projectId: d.recordId,
      projectName: d.recordName,
      kind: d.ledger,
      component: d.component,
      amount: d.amount,
      paidOn: d.paidOn,
    },
  };
}

/** The stored record of a counted payment (income_payments), without its outbox. */
export function paymentRecord(
  p: CountedPayment,
  how: { eventId: string; receivedAt: Date; changedFigure: boolean; replayed?: boolean },
): IncomePayment {
  return {
    _id: p.fact.distributionId,
    householdId: p.householdId,
    countyCode: p.countyCode,
    townCode: p.townCode,
    villageCode: p.villageCode,
    projectId: p.fact.projectId,
    projectName: p.fact.projectName,
    kind: p.fact.kind,
    component: p.fact.component,
    amount: p.fact.amount,
    paidOn: p.fact.paidOn,
    recordedBy: p.recordedBy,
    eventId: how.eventId,
    receivedAt: how.receivedAt,
    changedFigure: how.changedFigure,
    ...(how.replayed ? { replayed: true } : {}),
  };
}
