import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Scope } from '@lib/auth';
import { orgUnitsOfVillage } from '@lib/contracts';
import { fieldError } from '@lib/service-kit';
import { present } from '../../present';
import { AddMemberBody, CreateTeamBody, UpdateMemberBody, UpdateTeamBody } from '../teams.dto';
import { Member, Team } from '../team.schema';
import { TeamsStore } from '../teams.store';
import { Roster } from '../roster';
import { memberNotFound, teamNotFound } from '../team-lookups';
import { AttachCheckInsOfUser, RejudgeMemberDays } from '../teams.ports';

/** Work teams and their members (驻村工作队及队员). */
@Injectable()
export class ManageTeams {
  constructor(
    private readonly repo: TeamsStore,
    private readonly attendance: RejudgeMemberDays,
    private readonly unmatched: AttachCheckInsOfUser,
    private readonly roster: Roster,
  ) {}

  async createTeam(scope: Scope, body: CreateTeamBody) {
    const { countyCode, townCode, villageCode } = orgUnitsOfVillage(body.villageCode);
    const now = new Date();
    const team: Team = {
      _id: randomUUID(),
      ...body,
      countyCode,
      townCode,
      villageCode,
      createdAt: now,
      updatedAt: now,
    };
    await this.repo.insertTeam(scope, team);
    this.roster.forget();
    return present(team);
  }

  /** A new geofence or working hours re-judges the members' computed days (`recomputed`: days changed). */
  async updateTeam(scope: Scope, id: string, body: UpdateTeamBody) {
    const team = await this.repo.updateTeam(scope, id, body);
    if (!team) throw teamNotFound(id);
    this.roster.forget();
    const rejudge = body.geofence !== undefined || body.workingHours !== undefined;
    const recomputed = rejudge
      ? await this.attendance.forAllMonths((await this.repo.membersOfTeam(id)).map((m) => m._id))
      : 0;
    return { ...present(team), recomputed };
  }

  async getTeam(scope: Scope, id: string) {
    const team = await this.repo.findTeam(scope, id);
    if (!team) throw teamNotFound(id);
    return { ...present(team), members: (await this.repo.membersOfTeam(id)).map(present) };
  }

  private async assertDingTalkIdFree(userId: string | null | undefined, memberId?: string) {
    if (!userId) return;
    const other = await this.repo.findByDingTalkUserId(userId);
    if (other && other._id !== memberId)
      throw fieldError(
        'dingtalkUserId',
        `已被队员 ${other.name} 使用 (already mapped to member ${other._id})`,
      );
  }

  async addMember(scope: Scope, teamId: string, body: AddMemberBody) {
    const team = await this.repo.findTeam(scope, teamId);
    if (!team) throw teamNotFound(teamId);
    await this.assertDingTalkIdFree(body.dingtalkUserId);
    const now = new Date();
    const member: Member = {
      _id: randomUUID(),
      teamId,
      countyCode: team.countyCode,
      townCode: team.townCode,
      villageCode: team.villageCode,
      ...body,
      createdAt: now,
      updatedAt: now,
    };
    await this.repo.insertMember(member);
    this.roster.forget();
    // check-ins that came from this DingTalk user before the member existed (未匹配打卡)
    const attachedCheckIns = body.dingtalkUserId
      ? await this.unmatched.execute(member._id, body.dingtalkUserId)
      : 0;
    return { ...present(member), attachedCheckIns };
  }

  async updateMember(scope: Scope, id: string, body: UpdateMemberBody) {
    const current = await this.repo.findMember(scope, id);
    if (!current) throw memberNotFound(id);
    const from = body.postedFrom ?? current.postedFrom;
    const to = body.postedTo === undefined ? current.postedTo : body.postedTo;
    if (to !== null && to < from) throw fieldError('postedTo', '不能早于派驻开始日期');
    await this.assertDingTalkIdFree(body.dingtalkUserId, id);
    const member = await this.repo.updateMember(scope, id, body);
    if (!member) throw memberNotFound(id);
    this.roster.forget();
    // a new posting period (驻村期) re-judges the member's computed days
    const rejudge = from !== current.postedFrom || to !== current.postedTo;
    const recomputed = rejudge ? await this.attendance.forAllMonths([id]) : 0;
    // a newly mapped DingTalk user id takes over that user's check-ins kept aside
    const mapped = body.dingtalkUserId !== current.dingtalkUserId ? body.dingtalkUserId : null;
    const attachedCheckIns = mapped ? await this.unmatched.execute(id, mapped) : 0;
    return { ...present(member), recomputed, attachedCheckIns };
  }
}
