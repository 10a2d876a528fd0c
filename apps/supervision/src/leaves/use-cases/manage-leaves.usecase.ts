import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Scope } from '@lib/auth';
import { TeamsStore } from '../../teams/teams.store';
import { RejudgeMemberDays } from '../../teams/teams.ports';
import { memberAndTeam } from '../../teams/team-lookups';
import { present } from '../../present';
import { Decision, decisionConflict, decisionSet } from '../../decisions';
import { LeaveDecidedV1 } from '@lib/contracts';
import { memberEvent, orgOf } from '../../member-event';
import { RequestLeaveBody } from '../leaves.dto';
import { Leave } from '../leave.schema';
import { LeavesStore } from '../leaves.store';
import { daysBetween } from '../domain/leave-kinds';

/** 请假 / 公出 审批: members ask, the town approves or rejects; approval re-judges the days covered. */
@Injectable()
export class ManageLeaves {
  constructor(
    private readonly teams: TeamsStore,
    private readonly leaves: LeavesStore,
    private readonly attendance: RejudgeMemberDays,
  ) {}

  async request(scope: Scope, body: RequestLeaveBody) {
    const { member } = await memberAndTeam(this.teams, scope, body.memberId);
    const leave: Leave = {
      _id: randomUUID(),
      ...body,
      teamId: member.teamId,
      countyCode: member.countyCode,
      townCode: member.townCode,
      villageCode: member.villageCode,
      status: 'pending',
      requestedAt: new Date(),
      decidedAt: null,
      decidedBy: null,
      decisionNote: null,
    };
    await this.leaves.insert(leave);
    return present(leave);
  }

  /** A request outside the scope is not found (404). The decision is announced (leave.decided.v1). */
  async decide(scope: Scope, id: string, body: Decision) {
    const pending = await this.leaves.findById(scope, id);
    if (!pending || pending.status !== 'pending') throw decisionConflict(id, pending);
    const set = decisionSet(body);
    const event = memberEvent(
      LeaveDecidedV1.type,
      `leave-decided:${id}`,
      pending.memberId,
      orgOf({ ...pending, _id: pending.teamId }),
      {
        leaveId: id,
        kind: pending.kind,
        from: pending.from,
        to: pending.to,
        status: set.status,
        decidedBy: set.decidedBy,
        decidedAt: set.decidedAt.toISOString(),
        note: set.decisionNote,
      },
    );
    const decided = await this.leaves.decide(scope, id, set, [event]);
    if (!decided) throw decisionConflict(id, await this.leaves.findById(scope, id));
    if (decided.status === 'approved')
      await this.attendance.forDays([decided.memberId], daysBetween(decided.from, decided.to));
    return present(decided);
  }
}
