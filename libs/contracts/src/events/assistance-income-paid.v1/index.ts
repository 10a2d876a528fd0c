import { z } from 'zod';
import { defineEvent, EventOf } from '../../event-definition';
import { Topics } from '../../topics';
import { TownCode, VillageCode, yuan } from '../../domain';
import { AssistanceLedger } from '../../assistance';

/**
 * A household received income from an assistance ledger (帮扶台账): a 公益岗位 wage, a 雨露计划
 * subsidy, a 消费帮扶 purchase or a 村集体经济 distribution. Subject: householdId. Monitoring counts
 * it into the household's 收入台账 once per paymentId, as `component`.
 */
export const AssistanceIncomePaidV1 = defineEvent({
  type: 'assistance.income-paid.v1',
  topic: Topics.projects,
  key: 'subject',
  schema: z.object({
    paymentId: z.string().min(1),
    ledger: AssistanceLedger,
    component: z.enum(['wage', 'business', 'property', 'transfer']),
    /** The ledger record it comes from (post, student, purchase, village's collective account). */
    recordId: z.string().min(1),
    /** What a reader sees as its source: the post, the school, the product, the village. */
    recordName: z.string().min(1),
    householdId: z.string().min(1),
    townCode: TownCode,
    villageCode: VillageCode,
    amount: yuan({ above: 0 }),
    paidOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '须为日期，格式 YYYY-MM-DD'),
    recordedBy: z.string().min(1),
  }),
});
export type AssistanceIncomePaidV1 = EventOf<typeof AssistanceIncomePaidV1>;
