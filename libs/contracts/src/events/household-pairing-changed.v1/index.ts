import { z } from 'zod';
import { defineEvent, EventOf } from '../../event-definition';
import { Topics } from '../../topics';
import { householdEventBase } from '../household-member-added.v1';

/** The household's paired cadres (帮扶责任人) changed: the full current list. Subject: householdId. */
export const HouseholdPairingChangedV1 = defineEvent({
  type: 'household.pairing-changed.v1',
  topic: Topics.households,
  key: 'subject',
  schema: z.object({
    ...householdEventBase,
    cadres: z.array(
      z.object({
        userId: z.string().min(1),
        name: z.string().min(1),
        orgUnit: z.string().regex(/^(\d{6}|\d{9}|\d{12})$/),
      }),
    ),
    added: z.array(z.string()),
    removed: z.array(z.string()),
  }),
});
export type HouseholdPairingChangedV1 = EventOf<typeof HouseholdPairingChangedV1>;
