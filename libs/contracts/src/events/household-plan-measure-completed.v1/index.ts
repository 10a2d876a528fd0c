import { z } from 'zod';
import { defineEvent, EventOf } from '../../event-definition';
import { Topics } from '../../topics';
import { planEventBase } from '../household-plan-measure-added.v1';

/** A measure of the household's plan (一户一策) was completed. Subject: householdId. */
export const HouseholdPlanMeasureCompletedV1 = defineEvent({
  type: 'household.plan-measure-completed.v1',
  topic: Topics.households,
  key: 'subject',
  schema: z.object({
    ...planEventBase,
    completedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    result: z.string().optional(),
  }),
});
export type HouseholdPlanMeasureCompletedV1 = EventOf<typeof HouseholdPlanMeasureCompletedV1>;
