import { z } from 'zod';
import { defineEvent, EventOf } from '../../event-definition';
import { Topics } from '../../topics';
import { LabourSkill, Relation, Sex, TownCode, VillageCode } from '../../domain';

/** What events say of a member: no name, no clear ID number (only its keyed hash), no health data. */
export const MemberSummary = z.object({
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
});

export const householdEventBase = {
  householdId: z.string().min(1),
  townCode: TownCode,
  villageCode: VillageCode,
  /** the household's version after this change (per household, increasing) */
  version: z.number().int().positive(),
  by: z.string().min(1),
  at: z.iso.datetime({ offset: true }),
};

/** A member joined a household (birth, marriage, correction). Subject: householdId. */
export const HouseholdMemberAddedV1 = defineEvent({
  type: 'household.member-added.v1',
  topic: Topics.households,
  key: 'subject',
  schema: z.object({ ...householdEventBase, member: MemberSummary }),
});
export type HouseholdMemberAddedV1 = EventOf<typeof HouseholdMemberAddedV1>;
