import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Scope } from '@lib/auth';
import { createEvent, HouseholdRegisteredV1, orgUnitsOfVillage } from '@lib/contracts';
import { HouseholdsRepository } from './households.repository';
import { RegisterHouseholdBody } from './register-household.dto';

/** 建档: registers a household with its members and announces it. */
@Injectable()
export class RegisterHousehold {
  constructor(private readonly households: HouseholdsRepository) {}

  async execute(scope: Scope, body: RegisterHouseholdBody) {
    const id = randomUUID();
    const org = orgUnitsOfVillage(body.villageCode);
    const members = body.members.map((m) => ({ memberId: randomUUID(), ...m }));
    const now = new Date();
    const event: HouseholdRegisteredV1 = createEvent({
      type: HouseholdRegisteredV1.type,
      source: 'households',
      subject: id,
      townId: org.townCode,
      villageId: org.villageCode,
      time: now,
      data: {
        householdId: id,
        householdNumber: body.householdNumber,
        ...org,
        householdType: body.householdType,
        monitoringCategory: body.monitoringCategory,
        memberCount: members.length,
        members: members.map(({ memberId, relation, sex, birthDate, labourSkill }) => ({
          memberId,
          relation,
          sex,
          birthDate,
          ...(labourSkill ? { labourSkill } : {}),
        })),
        registeredAt: now.toISOString(),
      },
    });
    const household = {
      _id: id,
      householdNumber: body.householdNumber,
      ...org,
      householdType: body.householdType,
      monitoringCategory: body.monitoringCategory,
      members,
    };
    await this.households.create(scope, household, [event]);
    return { id, ...household, _id: undefined };
  }
}
