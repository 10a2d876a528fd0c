import { z } from 'zod';
import { defineEvent, EventOf } from '../../event-definition';
import { Topics } from '../../topics';
import { CountyCode, TownCode, VillageCode } from '../../domain';
import { CareGroup } from '../household-care-visit-recorded.v1';

/** What care-roster events say of the person: ids, group and carer; never a name or an ID number. */
export const careRosterEventBase = {
  rosterId: z.string().min(1),
  householdId: z.string().min(1),
  memberId: z.string().min(1),
  countyCode: CountyCode,
  townCode: TownCode,
  villageCode: VillageCode,
  group: CareGroup,
  /** 结对帮扶干部 (关爱责任人) */
  carer: z.object({ userId: z.string().min(1).optional(), name: z.string().min(1) }),
  /** On the roster since (YYYY-MM-DD): the first visit is due a frequency after it. */
  since: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  by: z.string().min(1),
  at: z.iso.datetime({ offset: true }),
};

/** A member of a registered household joined the village's 关爱服务名册. Subject: householdId. */
export const CareRosterMemberAddedV1 = defineEvent({
  type: 'household.care-roster-member-added.v1',
  topic: Topics.households,
  key: 'subject',
  schema: z.object(careRosterEventBase),
});
export type CareRosterMemberAddedV1 = EventOf<typeof CareRosterMemberAddedV1>;
