import { Injectable } from '@nestjs/common';
import { Principal, Scope } from '@lib/auth';
import { AddRosterMember } from '../../care-roster/use-cases/add-roster-member.usecase';
import { HouseholdsStore } from '../../households/households.store';
import { CarePairingBody } from '../assistance.dto';
import { openHouseholdIn } from './assistance-household';

/**
 * 关爱结对 from a household's page: the member goes on the 关爱服务名册 (one entry per member and group: a
 * repeat is a 409), so the roster's due dates and overdue alerts cover them. The pairing's id is the entry's.
 */
@Injectable()
export class PairCarer {
  constructor(
    private readonly households: HouseholdsStore,
    private readonly addRosterMember: AddRosterMember,
  ) {}

  async execute(caller: Principal, scope: Scope, id: string, body: CarePairingBody) {
    await openHouseholdIn(this.households, scope, id);
    const entry = await this.addRosterMember.execute(caller, scope, { householdId: id, ...body });
    return { pairingId: entry.rosterId, householdId: id, ...body };
  }
}
