import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { findPage } from '../paging';
import { Member, Team } from './team.schema';

/** All database access for teams and their members. */
@Injectable()
export class TeamsRepository {
  constructor(
    @InjectModel(Team.name) private readonly teams: Model<Team>,
    @InjectModel(Member.name) private readonly members: Model<Member>,
  ) {}

  async insertTeam(team: Team): Promise<void> {
    await this.teams.collection.insertOne(team as never);
  }

  findTeam(id: string) {
    return this.teams.findById(id).lean().exec();
  }

  findTeams(ids: string[]) {
    return this.teams
      .find({ _id: { $in: ids } })
      .lean()
      .exec();
  }

  updateTeam(id: string, set: Partial<Team>) {
    return this.teams
      .findOneAndUpdate({ _id: id }, { $set: { ...set, updatedAt: new Date() } }, { new: true })
      .lean()
      .exec();
  }

  listTeams(filter: { townCode?: string; villageCode?: string }, page: number, pageSize: number) {
    return findPage(this.teams, filter, { villageCode: 1, _id: 1 }, page, pageSize);
  }

  async insertMember(member: Member): Promise<void> {
    await this.members.collection.insertOne(member as never);
  }

  findMember(id: string) {
    return this.members.findById(id).lean().exec();
  }

  updateMember(id: string, set: Partial<Member>) {
    return this.members
      .findOneAndUpdate({ _id: id }, { $set: { ...set, updatedAt: new Date() } }, { new: true })
      .lean()
      .exec();
  }

  membersOfTeam(teamId: string) {
    return this.members.find({ teamId }).sort({ role: 1, name: 1 }).lean().exec();
  }

  /** Another member already mapped to this DingTalk user id (one person, one member). */
  findByDingTalkUserId(userId: string) {
    return this.members.findOne({ dingtalkUserId: userId }).lean().exec();
  }

  /** Members posted at some time between two days (YYYY-MM-DD, inclusive). */
  postedBetween(from: string, through: string, teamId?: string) {
    return this.members
      .find({
        ...(teamId ? { teamId } : {}),
        postedFrom: { $lte: through },
        $or: [{ postedTo: null }, { postedTo: { $gte: from } }],
      })
      .lean()
      .exec();
  }

  membersOfVillages(villageCodes: string[]) {
    return this.members
      .find({ villageCode: { $in: villageCodes } })
      .lean()
      .exec();
  }

  /** Members by our id or by DingTalk user id, in one query. */
  resolve(memberIds: string[], dingtalkUserIds: string[]) {
    return this.members
      .find({ $or: [{ _id: { $in: memberIds } }, { dingtalkUserId: { $in: dingtalkUserIds } }] })
      .lean()
      .exec();
  }
}
