import { z } from 'zod';
import { chinaToday, MonitoringCategory, PastDay, refusals } from '@lib/contracts';
import { ACTIONS, CHANNELS, DECISIONS, ELIMINATION_METHODS } from './domain/lifecycle';

/** Facts the app reads from the household's record for 风险消除: a request naming them is refused. */
const RECORDED = ['perCapitaIncome', 'monitoringLine', 'wholeHouseholdNoLabour'] as const;

/** A fact the request may not name: absent, or refused with the reason (JSON Schema `not: {}`). */
const NotAccepted = z
  .never({
    error: '由系统从台账记录读取，不接受填报 (read from the household record, not accepted in the request)',
  })
  .optional();

export const TransitionBody = z
  .object({
    action: z.enum(ACTIONS),
    /** 通过 (default) or 驳回/退回 for the decisions (民主评议, 乡镇审核, 县级审定, 风险消除确认). */
    decision: z.enum(DECISIONS).default('approve'),
    on: PastDay.default(chinaToday),
    channel: z.enum(CHANNELS).optional(),
    /** 监测对象类别 proposed at identification (default: 脱贫户 → 脱贫不稳定户, others → 边缘易致贫户). */
    category: MonitoringCategory.optional(),
    method: z.enum(ELIMINATION_METHODS).optional(),
    /** 驳回理由: required with decision "reject". */
    reason: z.string().trim().min(2, 'must say why (at least 2 characters)').max(500).optional(),
    note: z.string().trim().max(500).optional(),
    // read from the record: named here only to be refused with a clear reason (described as not to be sent)
    perCapitaIncome: NotAccepted,
    monitoringLine: NotAccepted,
    wholeHouseholdNoLabour: NotAccepted,
  })
  .strict()
  .superRefine((b, ctx) => {
    if (b.decision === 'reject' && !b.reason)
      ctx.addIssue({ code: 'custom', path: ['reason'], message: '驳回须写明理由 (required to reject)' });
  })
  .meta(refusals({ field: 'reason', rule: '驳回须写明理由 (required to reject)' }))
  // (refused above when present: what remains is the decision and its note)
  .transform((b) => {
    const rest = { ...b };
    for (const field of RECORDED) delete rest[field];
    return rest as Omit<typeof b, (typeof RECORDED)[number]>;
  });
export type TransitionBody = z.infer<typeof TransitionBody>;
