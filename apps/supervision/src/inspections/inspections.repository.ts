import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { Scope } from '@lib/auth';
import { ScopedCollection } from '../scoped-collection';
import { FollowUpStatus, Inspection } from './inspection.schema';

/** All database access for inspections. */
@Injectable()
export class InspectionsRepository extends ScopedCollection<Inspection> {
  constructor(@InjectModel(Inspection.name) model: Model<Inspection>) {
    super(model);
  }

  async insert(inspection: Inspection): Promise<void> {
    await this.model.collection.insertOne(inspection as never);
  }

  /** Appends a follow-up and moves the status, in one single-document update. */
  followUp(scope: Scope, id: string, entry: { status: FollowUpStatus; note: string; by: string; at: Date }) {
    return this.model
      .findOneAndUpdate(
        this.where(scope, { _id: id }),
        { $set: { status: entry.status }, $push: { followUps: entry } },
        { new: true },
      )
      .lean()
      .exec();
  }

  list(scope: Scope, filter: { teamId?: string; status?: string }, page: number, pageSize: number) {
    return this.page(scope, filter, { inspectedOn: -1, _id: 1 }, page, pageSize);
  }
}
