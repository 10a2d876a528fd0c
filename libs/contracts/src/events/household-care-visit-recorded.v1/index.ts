import { z } from 'zod';
import { defineEvent, EventOf } from '../../event-definition';
import { Topics } from '../../topics';
import { TownCode, VillageCode } from '../../domain';

/** 关爱服务对象类别 */
export const CareGroup = z.enum([
  'left_behind_elderly', // 留守老人
  'left_behind_woman', // 留守妇女
  'left_behind_child', // 留守儿童
  'extreme_hardship', // 特困
  'five_guarantee', // 五保户
  'disabled', // 残疾人
  'empty_nest_elderly', // 空巢老人
  'living_alone_elderly', // 独居老人
]);
export type CareGroup = z.infer<typeof CareGroup>;

/** A carer visited a cared-for person (关爱走访). Subject: householdId. */
export const HouseholdCareVisitRecordedV1 = defineEvent({
  type: 'household.care-visit-recorded.v1',
  topic: Topics.households,
  key: 'subject',
  schema: z.object({
    householdId: z.string().min(1),
    townCode: TownCode,
    villageCode: VillageCode,
    pairingId: z.string().min(1),
    memberId: z.string().min(1),
    group: CareGroup,
    visitId: z.string().min(1),
    visitedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    carer: z.object({ userId: z.string().optional(), name: z.string().min(1) }),
    by: z.string().min(1),
    at: z.iso.datetime({ offset: true }),
    /** Where the visit was recorded (关爱服务名册: optional GPS of the visitor's device). */
    location: z
      .object({ latitude: z.number().min(-90).max(90), longitude: z.number().min(-180).max(180) })
      .optional(),
  }),
});
export type HouseholdCareVisitRecordedV1 = EventOf<typeof HouseholdCareVisitRecordedV1>;
