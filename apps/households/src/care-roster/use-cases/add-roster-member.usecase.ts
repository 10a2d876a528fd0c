import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Principal, Scope } from '@lib/auth';
import { CareRosterMemberAddedV1 } from '@lib/contracts';
import { fieldError } from '@lib/service-kit';
import { HouseholdsStore } from '../../households/households.store';
import { AddRosterMemberBody } from '../care-roster.dto';
import { CareRosterStore } from '../care-roster.store';
import { chinaToday, entryData, newRosterEntry, rosterEvent } from '../domain/roster';
import { conflict, missing } from './roster-entry';
import { RosterViews } from './roster-views';

/** 列入名册: a member of a household in the scope, once per group, announced as care-roster.member-added. */
@Injectable()
export class AddRosterMember {
  constructor(
    private readonly roster: CareRosterStore,
    private readonly households: HouseholdsStore,
    private readonly views: RosterViews,
  ) {}

  async execute(caller: Principal, scope: Scope, body: AddRosterMemberBody) {
    const h = await this.households.load(scope, body.householdId);
    if (!h) throw missing('householdId', `未找到该户 (no household ${body.householdId})`);
    if (!h.members.some((m) => m.memberId === body.memberId))
      throw fieldError('memberId', '不是该户成员 (not a member of this household)');
    if (body.since > chinaToday()) throw fieldError('since', '不能是将来的日期 (in the future)');
    const at = new Date();
    const entry = newRosterEntry(randomUUID(), h, body, caller.sub, at);
    const ok = await this.roster.add(entry, [
      rosterEvent(CareRosterMemberAddedV1.type, entry, entryData(entry, caller.sub, at), at),
    ]);
    if (!ok)
      throw conflict(
        'group',
        '该成员已在名册此类别中 (already on the roster in this group)',
        'already on the roster',
      );
    return this.views.one(entry);
  }
}
