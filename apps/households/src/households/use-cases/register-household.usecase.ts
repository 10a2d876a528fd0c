import { Injectable } from '@nestjs/common';
import { assertCovers, Scope } from '@lib/auth';
import { ActiveMembershipsStore } from '../active-memberships.store';
import { PiiCipher } from '../domain/pii-cipher';
import { HouseholdsStore } from '../households.store';
import { newHousehold } from '../domain/new-household';
import { presentHousehold } from '../domain/present-household';
import { RegisterHouseholdBody } from '../households.dto';

/** 建档: registers a household with its members and announces it. */
@Injectable()
export class RegisterHousehold {
  constructor(
    private readonly households: HouseholdsStore,
    private readonly memberships: ActiveMembershipsStore,
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
