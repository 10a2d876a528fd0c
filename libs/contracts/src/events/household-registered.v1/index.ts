import { z } from 'zod';
import { defineEvent, EventOf } from '../../event-definition';
import { Topics } from '../../topics';
import {
  CountyCode,
  HouseholdType,
  LabourSkill,
  MonitoringCategory,
  ProvinceCode,
  Relation,
  Sex,
  TownCode,
  VillageCode,
} from '../../domain';

/** A household entered the registry (帮扶对象台账). Subject: householdId. No clear ID numbers travel in events, only their keyed hash. */
export const HouseholdRegisteredV1 = defineEvent({
  type: 'household.registered.v1',
  topic: Topics.households,
  key: 'subject',
  schema: z.object({
    householdId: z.string().min(1),
    householdNumber: z.string().min(1),
    provinceCode: ProvinceCode,
    countyCode: CountyCode,
    townCode: TownCode,
    villageCode: VillageCode,
    householdType: HouseholdType,
    monitoringCategory: MonitoringCategory.nullable(),
    memberCount: z.number().int().nonnegative(),
    members: z.array(
      z.object({
        memberId: z.string().min(1),
        relation: Relation,
        sex: Sex,
        birthDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
        labourSkill: LabourSkill.optional(),
        /** hex HMAC-SHA256 (PII_HASH_KEY) of the upper-case ID number, when one was recorded. */
        idNumberHash: z
          .string()
          .regex(/^[0-9a-f]{64}$/)
          .optional(),
      }),
    ),
    registeredAt: z.iso.datetime({ offset: true }),
    /**
     * The national system's fields when the household came with them (ledger import): 识别时间,
     * 是否风险消除, 风险消除时间, 消除方式, 帮扶措施, 因自然灾害的灾种. Later changes travel in household.updated.v1.
     */
    national: z
      .object({
        identifiedAt: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
        riskEliminated: z.boolean(),
        riskEliminatedAt: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
        eliminationMethod: z.string().min(1),
        assistanceMeasures: z.array(z.string().min(1)),
        disasterSubtype: z.string().min(1),
        riskTypes: z.array(z.string().min(1)),
      })
      .partial()
      .optional(),
  }),
});
export type HouseholdRegisteredV1 = EventOf<typeof HouseholdRegisteredV1>;
