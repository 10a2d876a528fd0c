import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { assertCovers, Scope } from '@lib/auth';
import { Store } from '@lib/persistence';
import { ScopedCollection } from '../scoped-collection';
import { Member, Team } from './team.schema';

/**
 * All database access for teams and their members. Methods serving callers take their scope: a
 * record outside it is not found; consumers and internal steps pass SERVICE_SCOPE or use the
 * unscoped lookups below (named as such).
 */
@Injectable()
export class TeamsStore {
  private readonly scopedTeams: ScopedCollection<Team>;
  private readonly scopedMembers: ScopedCollection<Member>;

  constructor(
    @InjectModel(Team.name) private readonly teams: Model<Team>,
    @InjectModel(Member.name) private readonly members: Model<Member>,
  ) {
    this.scopedTeams = new ScopedCollection(teams);
    this.scopedMembers = new ScopedCollection(members);
    this.teamStore = Store.of(teams);
    this.memberStore = Store.of(members);
  }

  private readonly teamStore: Store<Team>;
  private readonly memberStore: Store<Member>;

  async insertTeam(scope: Scope, team: Team): Promise<void> {
    assertCovers(scope, team.villageCode);
    await this.teamStore.insert(team);
  }

  findTeam(scope: Scope, id: string) {
    return this.scopedTeams.findById(scope, id);
  }

  /** Teams by id (a small collection: one query). */
  findTeams(ids: string[]) {
    return this.teams
      .find({ _id: { $in: ids } })
      .lean()
      .exec();
  }

  updateTeam(scope: Scope, id: string, set: Partial<Team>) {
    return this.teams
      .findOneAndUpdate(
        this.scopedTeams.where(scope, { _id: id }),
        { $set: { ...set, updatedAt: new Date() } },
        { returnDocument: 'after' },
      )
      .lean()
      .exec();
  }

  listTeams(
    scope: Scope,
    filter: { townCode?: string; villageCode?: string },
    page: number,
    pageSize: number,
  ) {
    return this.scopedTeams.page(scope, filter, { villageCode: 1, _id: 1 }, page, pageSize);
  }

  async insertMember(member: Member): Promise<void> {
    await this.memberStore.insert(member);
  }

  findMember(scope: Scope, id: string) {
    return this.scopedMembers.findById(scope, id);
  }

  updateMember(scope: Scope, id: string, set: Partial<Member>) {
    return this.members
      .findOneAndUpdate(
        this.scopedMembers.where(scope, { _id: id }),
        { $set: { ...set, updatedAt: new Date() } },
        { returnDocument: 'after' },
      )
      .lean()
      .exec();
  }

  membersOfTeam(teamId: string) {
    return this.members.find({ teamId }).sort({ role: 1, name: 1 }).lean().exec();
  }

  /** Another member already mapped to this DingTalk user id (one person, one member; all units). */
  findByDingTalkUserId(userId: string) {
    return this.members.findOne({ dingtalkUserId: userId }).lean().exec();
  }

  /** Members posted at some time between two days (YYYY-MM-DD, inclusive), within the scope. */
  postedBetween(scope: Scope, from: string, through: string, teamId?: string) {
    return this.members
      .find(
        this.scopedMembers.where(scope, {
          teamId,
          postedFrom: { $lte: through },
          $or: [{ postedTo: null }, { postedTo: { $gte: from } }],
        }),
      )
      .lean()
      .exec();
  }

  /** Every member in the county (a calendar change re-judges them). */
  membersOfCounty(countyCode: string) {
    return this.members.find({ countyCode }).lean().exec();
  }

  membersOfVillages(villageCodes: string[]) {
    return this.members
      .find({ villageCode: { $in: villageCodes } })
      .lean()
      .exec();
  }

  /** Every member (a county's roster: a few hundred), for the pipeline's roster in memory. */
  allMembers() {
    return this.members.find({}).lean().exec();
  }

  /** Every team (a county's: a few dozen). */
  allTeams() {
    return this.teams.find({}).lean().exec();
  }

  /** Members by our id or by DingTalk user id, in one query. */
  resolve(memberIds: string[], dingtalkUserIds: string[]) {
    // members are a small collection (a county's teams): one query
    return this.members
      .find({ $or: [{ _id: { $in: memberIds } }, { dingtalkUserId: { $in: dingtalkUserIds } }] })
      .lean()
      .exec();
  }
}
