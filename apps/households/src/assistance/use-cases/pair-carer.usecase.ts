import { ConflictException, Injectable } from '@nestjs/common';
import { Principal, Scope } from '@lib/auth';
import { fieldError } from '@lib/service-kit';
import { HouseholdsStore } from '../../households/households.store';
import { CarePairingBody } from '../assistance.dto';
import { AssistanceStore } from '../assistance.store';
import { orgOf } from '../domain/assistance';
import { openHouseholdIn } from './assistance-household';

/** 关爱结对: pairs a member of an open household with a carer, once per member and group. */
@Injectable()
export class PairCarer {
  constructor(
    private readonly households: HouseholdsStore,
    private readonly records: AssistanceStore,
  ) {}

  async execute(caller: Principal, scope: Scope, id: string, body: CarePairingBody) {
    const h = await openHouseholdIn(this.households, scope, id);
    if (!h.members.some((m) => m.memberId === body.memberId))
      throw fieldError('memberId', '不是该户成员 (not a member of this household)');
    // one pairing per member and group: a deterministic id makes a repeat a 409
    const pairingId = `${id}:${body.memberId}:${body.group}`;
    const ok = await this.records.insert('care_pairings', {
      _id: pairingId,
      householdId: id,
      ...orgOf(h),
      ...body,
      at: new Date(),
      by: caller.sub,
    });
    if (!ok)
      throw new ConflictException({
        statusCode: 409,
        error: 'Conflict',
        message: '该成员已有此类关爱结对 (already paired for this group)',
        problems: [{ field: 'group', reason: 'already paired' }],
      });
    return { pairingId, householdId: id, ...body };
  }
}
