import { Injectable } from '@nestjs/common';
import { Principal, Scope } from '@lib/auth';
import { CareRosterMemberRemovedV1 } from '@lib/contracts';
import { RemoveRosterMemberBody } from '../care-roster.dto';
import { CareRosterStore } from '../care-roster.store';
import { entryData, rosterEvent } from '../domain/roster';
import { conflict, entryIn } from './roster-entry';

/** 移出名册 with a reason: no visit is due any more. */
@Injectable()
export class RemoveRosterMember {
  constructor(private readonly roster: CareRosterStore) {}

  async execute(caller: Principal, scope: Scope, id: string, body: RemoveRosterMemberBody) {
    const before = await entryIn(this.roster, scope, id);
    const at = new Date();
    const ok = await this.roster.change(
      before,
      { removedAt: at, removalReason: body.reason, activeKey: `${before.activeKey}|removed|${before._id}` },
      [
        rosterEvent(
          CareRosterMemberRemovedV1.type,
          before,
          { ...entryData(before, caller.sub, at), reason: body.reason },
          at,
        ),
      ],
    );
    if (!ok)
      throw conflict('rosterId', '记录已被他人修改，请刷新后重试 (changed meanwhile)', 'changed meanwhile');
    return { rosterId: id, removed: true, reason: body.reason };
  }
}
