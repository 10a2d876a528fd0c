import { randomUUID } from 'node:crypto';
import { createEvent, HouseholdRegisteredV1, orgUnitsOfVillage } from '@lib/contracts';
import { PiiCipher } from './pii-cipher';
import { newMemberId, sealContactPhone, sealMember } from './seal';
import type { Household, Member } from '../households.schema';
import type { RegisterHouseholdBody } from '../households.dto';

/** What events say of a member (no name, no clear personal data). */
export function memberSummary(
  m: Pick<Member, 'memberId' | 'relation' | 'sex' | 'birthDate' | 'labourSkill' | 'idNumberHash'>,
) {
  return {
    memberId: m.memberId,
    relation: m.relation,
    sex: m.sex,
    birthDate: m.birthDate,
    ...(m.labourSkill ? { labourSkill: m.labourSkill } : {}),
    ...(m.idNumberHash ? { idNumberHash: m.idNumberHash } : {}),
  } as HouseholdRegisteredV1['data']['members'][number];
}

/** 建档: the stored household (personal data sealed) and its household.registered.v1 event. */
export function newHousehold(cipher: PiiCipher, body: RegisterHouseholdBody, now = new Date()) {
  const id = randomUUID();
  const org = orgUnitsOfVillage(body.villageCode);
  const { members: bodyMembers, contactPhone, householdNumber, villageCode, ...fields } = body;
  void villageCode;
  const members = bodyMembers.map((m) => sealMember(cipher, m, newMemberId()) as Member);
  const household: Omit<Household, 'createdAt'> = {
    _id: id,
    householdNumber,
    ...org,
    ...fields,
    ...(contactPhone ? sealContactPhone(cipher, contactPhone) : {}),
    members,
  };
  const national = Object.fromEntries(
    (
      [
        'identifiedAt',
        'riskEliminated',
        'riskEliminatedAt',
        'eliminationMethod',
        'assistanceMeasures',
        'disasterSubtype',
        'riskTypes',
      ] as const
    )
      .map((k) => [k, body[k]] as const)
      .filter(([, v]) => v !== undefined),
  );
  const event: HouseholdRegisteredV1 = createEvent({
    type: HouseholdRegisteredV1.type,
    source: 'households',
    subject: id,
    townId: org.townCode,
    villageId: org.villageCode,
    time: now,
    data: {
      householdId: id,
      householdNumber,
      ...org,
      householdType: body.householdType,
      monitoringCategory: body.monitoringCategory,
      memberCount: members.length,
      members: members.map(memberSummary),
      registeredAt: now.toISOString(),
      ...(Object.keys(national).length ? { national } : {}),
    },
  });
  return { household, event };
}
