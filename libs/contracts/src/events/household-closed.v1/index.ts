import { z } from 'zod';
import { defineEvent, EventOf } from '../../event-definition';
import { Topics } from '../../topics';
import { HouseholdClosureReason } from '../../household-closure';
import { householdEventBase } from '../household-member-added.v1';

/**
 * A household was closed (注销: 死亡, 迁出, 合户, 自然消亡) on `on`: it stays readable, but no longer counts in
 * coverage, gets no surveys, alerts or income. Subject: householdId.
 */
export const HouseholdClosedV1 = defineEvent({
  type: 'household.closed.v1',
  topic: Topics.households,
  key: 'subject',
  schema: z.object({
    ...householdEventBase,
    reason: HouseholdClosureReason,
    /** the day the closure took effect, YYYY-MM-DD */
    on: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    /** 合户: the household it merged into */
    mergedInto: z.string().min(1).optional(),
    note: z.string().optional(),
  }),
});
export type HouseholdClosedV1 = EventOf<typeof HouseholdClosedV1>;
