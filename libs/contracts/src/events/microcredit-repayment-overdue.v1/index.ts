import { z } from 'zod';
import { defineEvent, EventOf } from '../../event-definition';
import { Topics } from '../../topics';
import { TownCode, VillageCode, yuan } from '../../domain';

/**
 * 小额信贷逾期: a repayment of a household's microcredit loan was due and is unpaid. Announced once per
 * loan and due date (the loan's installment is marked in the same write). Subject: householdId.
 */
export const MicrocreditRepaymentOverdueV1 = defineEvent({
  type: 'microcredit.repayment-overdue.v1',
  topic: Topics.projects,
  key: 'subject',
  schema: z.object({
    loanId: z.string().min(1),
    householdId: z.string().min(1),
    townCode: TownCode,
    villageCode: VillageCode,
    bank: z.string().min(1),
    dueOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    amountDue: yuan({ above: 0 }),
    /** The day the check found it unpaid (China date). */
    detectedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    daysOverdue: z.number().int().nonnegative(),
  }),
});
export type MicrocreditRepaymentOverdueV1 = EventOf<typeof MicrocreditRepaymentOverdueV1>;
