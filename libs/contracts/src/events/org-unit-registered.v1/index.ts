import { z } from 'zod';
import { defineEvent, EventOf } from '../../event-definition';
import { Topics } from '../../topics';

/** An org unit (县 > 乡镇 > 村 > 组) entered the registry. Subject: its code. */
export const OrgUnitRegisteredV1 = defineEvent({
  type: 'org-unit.registered.v1',
  topic: Topics.households,
  key: 'subject',
  schema: z.object({
    code: z.string().regex(/^(\d{6}|\d{9}|\d{12}|\d{14})$/),
    level: z.enum(['county', 'town', 'village', 'group']),
    name: z.string().min(1),
    parentCode: z.string().nullable(),
    registeredAt: z.iso.datetime({ offset: true }),
  }),
});
export type OrgUnitRegisteredV1 = EventOf<typeof OrgUnitRegisteredV1>;
