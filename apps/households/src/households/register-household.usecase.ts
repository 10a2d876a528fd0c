import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { assertCovers, Scope } from '@lib/auth';
import { createEvent, HouseholdRegisteredV1, orgUnitsOfVillage } from '@lib/contracts';
import { ActiveMembershipsRepository } from '../personal-data/active-memberships.repository';
import { maskIdNumber, maskPhone } from '../personal-data/id-number';
import { PiiCipher } from '../personal-data/pii-cipher';
import { HouseholdsRepository } from './households.repository';
import { presentHousehold } from './present-household';
import { RegisterHouseholdBody } from './register-household.dto';

/** 建档: registers a household with its members and announces it. */
@Injectable()
export class RegisterHousehold {
  constructor(
    private readonly households: HouseholdsRepository,
    private readonly memberships: ActiveMembershipsRepository,
    private readonly cipher: PiiCipher,
  ) {}

  /** Personal data leaves here encrypted, hashed and masked; the clear values are not kept. */
  private sealMember({ idNumber, phone, ...m }: RegisterHouseholdBody['members'][number]) {
    return {
      memberId: randomUUID(),
      ...m,
      ...(idNumber
        ? {
            idNumberCipher: this.cipher.encrypt(idNumber),
            idNumberHash: this.cipher.hashIdNumber(idNumber),
            idNumberMasked: maskIdNumber(idNumber),
          }
        : {}),
      ...(phone ? { phoneCipher: this.cipher.encrypt(phone), phoneMasked: maskPhone(phone) } : {}),
    };
  }

  async execute(scope: Scope, body: RegisterHouseholdBody) {
    const id = randomUUID();
    const org = orgUnitsOfVillage(body.villageCode);
    const members = body.members.map((m) => this.sealMember(m));
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
        members: members.map(({ memberId, relation, sex, birthDate, labourSkill, idNumberHash }) => ({
          memberId,
          relation,
          sex,
          birthDate,
          ...(labourSkill ? { labourSkill } : {}),
          ...(idNumberHash ? { idNumberHash } : {}),
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
    assertCovers(scope, household.villageCode);
    await this.memberships.claim(
      id,
      members.flatMap((m, i) =>
        m.idNumberHash
          ? [{ idNumberHash: m.idNumberHash, memberId: m.memberId, field: `members.${i}.idNumber` }]
          : [],
      ),
    );
    try {
      await this.households.create(scope, household, [event]);
    } catch (e) {
      await this.memberships.release(id);
      throw e;
    }
    return presentHousehold(household);
  }
}
