import {
  AssistanceIncomePaidV1,
  createEvent,
  MicrocreditRepaymentOverdueV1,
  RelocationEmploymentChangedV1,
} from '@lib/contracts';
import type { AssistanceRecord } from '../assistance.schema';
import type { IncomeComponent, Ledger } from '../domain/ledgers';

/** assistance.income-paid.v1 for money a ledger paid a household; the id is derived from the payment (a retry is the same event). */
export function incomePaid(p: {
  paymentId: string;
  ledger: Ledger;
  component: IncomeComponent;
  record: AssistanceRecord;
  household: { householdId: string; townCode: string; villageCode: string };
  amount: number;
  paidOn: string;
  recordedBy: string;
}) {
  return createEvent({
    type: AssistanceIncomePaidV1.type,
    source: 'projects',
    id: `assistance-income-paid:${p.paymentId}`,
    subject: p.household.householdId,
    townId: p.household.townCode,
    villageId: p.household.villageCode,
    data: {
      paymentId: p.paymentId,
      ledger: p.ledger,
      component: p.component,
      recordId: p.record._id,
      recordName: p.record.title,
      householdId: p.household.householdId,
      townCode: p.household.townCode,
      villageCode: p.household.villageCode,
      amount: p.amount,
      paidOn: p.paidOn,
      recordedBy: p.recordedBy,
    } satisfies AssistanceIncomePaidV1['data'],
  });
}

export function repaymentOverdue(r: AssistanceRecord, dueOn: string, amountDue: number, today: string, days: number) {
  return createEvent({
    type: MicrocreditRepaymentOverdueV1.type,
    source: 'projects',
    id: `microcredit-overdue:${r._id}:${dueOn}`,
    subject: r.householdId!,
    townId: r.townCode,
    villageId: r.villageCode,
    data: {
      loanId: r._id,
      householdId: r.householdId!,
      townCode: r.townCode,
      villageCode: r.villageCode,
      bank: String(r.details.bank),
      dueOn,
      amountDue,
      detectedOn: today,
      daysOverdue: days,
    } satisfies MicrocreditRepaymentOverdueV1['data'],
  });
}

export function employmentChanged(r: AssistanceRecord, employed: number, changedOn: string, causeId: string) {
  return createEvent({
    type: RelocationEmploymentChangedV1.type,
    source: 'projects',
    id: `relocation-employment:${r._id}:${causeId}`,
    subject: r.householdId!,
    townId: r.townCode,
    villageId: r.villageCode,
    data: {
      relocationId: r._id,
      householdId: r.householdId!,
      townCode: r.townCode,
      villageCode: r.villageCode,
      site: String(r.details.site),
      labourCount: Number(r.details.labourCount),
      employedLabour: employed,
      changedOn,
    } satisfies RelocationEmploymentChangedV1['data'],
  });
}
