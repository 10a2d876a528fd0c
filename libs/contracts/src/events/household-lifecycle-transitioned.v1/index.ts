import { z } from 'zod';
import { defineEvent, EventOf } from '../../event-definition';
import { Topics } from '../../topics';
import { MonitoringCategory, TownCode, VillageCode } from '../../domain';
import { LIFECYCLE_STATES } from '../../lifecycle';

const State = z.enum(LIFECYCLE_STATES);

/**
 * A household moved one step in the monitoring lifecycle (识别→评议→公示→审核→审定→帮扶→消除), or a decision
 * turned it down (decision "rejected", with its reason): a rejected identification returns the household to
 * where it stood before (`to` null: not monitored, or risk_eliminated of an earlier cycle), a refused
 * elimination to assisted. A household whose risk was eliminated can be identified again (返贫: a new cycle).
 * Subject: householdId.
 */
export const HouseholdLifecycleTransitionedV1 = defineEvent({
  type: 'household.lifecycle-transitioned.v1',
  topic: Topics.households,
  key: 'subject',
  schema: z.object({
    householdId: z.string().min(1),
    townCode: TownCode,
    villageCode: VillageCode,
    action: z.string().min(1),
    from: State.nullable(),
    /** null only after a rejection that returns a household to "not monitored". */
    to: State.nullable(),
    on: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    channel: z.enum(['self_application', 'cadre_screening', 'department_warning']).optional(),
    method: z.enum(['assisted_elimination', 'natural_elimination']).optional(),
    by: z.string().min(1),
    /** 通过 or 驳回 (absent in events before decisions could be rejected: approved). */
    decision: z.enum(['approved', 'rejected']).optional(),
    /** 驳回理由, with a rejection. */
    reason: z.string().min(1).optional(),
    /** 1 for the first identification, 2 after the first 返贫, … */
    cycle: z.number().int().min(1).optional(),
    /** 监测对象类别 the household holds from this step on (set by 县级审定). */
    category: MonitoringCategory.optional(),
    transitionedAt: z.iso.datetime({ offset: true }),
  }),
});
export type HouseholdLifecycleTransitionedV1 = EventOf<typeof HouseholdLifecycleTransitionedV1>;
