import { Injectable } from '@nestjs/common';
import { assertCovers, Scope } from '@lib/auth';
import { ActiveMembershipsRepository } from '../personal-data/active-memberships.repository';
import { PiiCipher } from '../personal-data/pii-cipher';
import { HouseholdsRepository } from './households.repository';
import { newHousehold } from './new-household';
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

  async execute(scope: Scope, body: RegisterHouseholdBody) {
    const { household, event } = newHousehold(this.cipher, body);
    assertCovers(scope, household.villageCode);
    await this.memberships.claim(
      household._id,
      household.members.flatMap((m, i) =>
        m.idNumberHash
          ? [{ idNumberHash: m.idNumberHash, memberId: m.memberId, field: `members.${i}.idNumber` }]
          : [],
      ),
    );
    try {
      await this.households.create(scope, household, [event]);
    } catch (e) {
      await this.memberships.release(household._id);
      throw e;
    }
    return presentHousehold({ ...household, version: 1 });
  }
}
