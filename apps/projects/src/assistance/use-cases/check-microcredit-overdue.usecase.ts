import { Injectable, Logger } from '@nestjs/common';
import { AssistanceStore } from '../assistance.store';
import { daysFrom, newlyOverdue, nextWatchedDue } from '../domain/ledgers';
import { repaymentOverdue } from './ledger-events';

/**
 * 小额信贷逾期: every installment due before today and unpaid is announced once
 * (microcredit.repayment-overdue.v1; the installment is marked in the same write, so a second check,
 * or two instances checking at once, announce nothing more). Run by the projects' periodic check and
 * POST /api/v1/assistance/microcredit/overdue-checks.
 */
@Injectable()
export class CheckMicrocreditOverdue {
  private readonly logger = new Logger(CheckMicrocreditOverdue.name);

  constructor(private readonly store: AssistanceStore) {}

  async execute(today: string): Promise<{ announced: number }> {
    let announced = 0;
    for (const loan of await this.store.loansWithUnannouncedDue(today)) {
      const before = loan.schedule ?? [];
      const due = newlyOverdue(before, today);
      if (!due.length || !loan.householdId) continue;
      const after = before.map((i) => (due.includes(i) ? { ...i, overdueSince: today } : i));
      const events = due.map((i) => repaymentOverdue(loan, i.dueOn, i.amount, today, daysFrom(i.dueOn, today)));
      if (await this.store.markOverdue(loan, after, nextWatchedDue(after), events)) announced += events.length;
    }
    if (announced) this.logger.log(`microcredit: ${announced} repayment(s) newly overdue`);
    return { announced };
  }
}
