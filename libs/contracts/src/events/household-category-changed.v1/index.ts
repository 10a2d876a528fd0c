import { z } from 'zod';
import { defineEvent, EventOf } from '../../event-definition';
import { Topics } from '../../topics';
import { MonitoringCategory } from '../../domain';
import { householdEventBase } from '../household-member-added.v1';

/** The monitoring-object category (监测对象类别) changed; null = not a monitoring object. Subject: householdId. */
export const HouseholdCategoryChangedV1 = defineEvent({
  type: 'household.category-changed.v1',
  topic: Topics.households,
  key: 'subject',
  schema: z.object({
    ...householdEventBase,
    from: MonitoringCategory.nullable(),
    to: MonitoringCategory.nullable(),
  }),
});
export type HouseholdCategoryChangedV1 = EventOf<typeof HouseholdCategoryChangedV1>;
