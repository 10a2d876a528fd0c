import { Injectable } from '@nestjs/common';
import { Principal, Scope } from '@lib/auth';
import { CareRosterMemberChangedV1 } from '@lib/contracts';
import { fieldError } from '@lib/service-kit';
import { ChangeRosterMemberBody } from '../care-roster.dto';
import { CareRosterStore } from '../care-roster.store';
import { changedFields, chinaToday, entryAfter, entryData, rosterEvent } from '../domain/roster';
import { conflict, entryIn } from './roster-entry';
import { RosterViews } from './roster-views';

/** Changes an entry's group, carer or start day (nothing changed: nothing written). */
@Injectable()
export class ChangeRosterMember {
  constructor(
    private readonly roster: CareRosterStore,
    private readonly views: RosterViews,
  ) {}

  async execute(caller: Principal, scope: Scope, id: string, body: ChangeRosterMemberBody) {
    const before = await entryIn(this.roster, scope, id);
    if (body.since && body.since > chinaToday())
      throw fieldError('since', '不能是将来的日期 (in the future)');
    const changed = changedFields(before, body);
    if (changed.length === 0) return this.views.one(before);
    const at = new Date();
    const after = entryAfter(before, body, at);
    const ok = await this.roster.change(
      before,
      {
        group: after.group,
        activeKey: after.activeKey,
        carer: after.carer,
        pairedCadreIds: after.pairedCadreIds,
        since: after.since,
        changedAt: at,
      },
      [
        rosterEvent(
          CareRosterMemberChangedV1.type,
          after,
          { ...entryData(after, caller.sub, at), changed },
          at,
        ),
      ],
    );
    if (!ok)
      throw conflict(
        'group',
        '该成员已在名册此类别中，或记录已被他人修改 (already in this group, or changed meanwhile)',
        'conflict',
      );
    return this.views.one(after);
  }
}
