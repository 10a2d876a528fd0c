import { z } from 'zod';
import { defineEvent, EventOf } from '../../event-definition';
import { Topics } from '../../topics';
import { TownCode, VillageCode } from '../../domain';

const State = z.enum([
  'identified',
  'village_reviewed',
  'public_notice',
  'town_reviewed',
  'county_approved',
  'assisted',
  'risk_eliminated',
]);

/** A household moved one step in the monitoring lifecycle (识别→评议→公示→审核→审定→帮扶→消除). Subject: householdId. */
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
    to: State,
    on: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    channel: z.enum(['self_application', 'cadre_screening', 'department_warning']).optional(),
    method: z.enum(['assisted_elimination', 'natural_elimination']).optional(),
    by: z.string().min(1),
    transitionedAt: z.string().datetime({ offset: true }),
  }),
});
export type HouseholdLifecycleTransitionedV1 = EventOf<typeof HouseholdLifecycleTransitionedV1>;
