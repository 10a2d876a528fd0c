import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { findPage } from '../paging';
import { FollowUpStatus, Inspection } from './inspection.schema';

/** All database access for inspections. */
@Injectable()
export class InspectionsRepository {
  constructor(@InjectModel(Inspection.name) private readonly model: Model<Inspection>) {}

  async insert(inspection: Inspection): Promise<void> {
    await this.model.collection.insertOne(inspection as never);
  }

  /** Appends a follow-up and moves the status, in one single-document update. */
  followUp(id: string, entry: { status: FollowUpStatus; note: string; by: string; at: Date }) {
    return this.model
      .findOneAndUpdate(
        { _id: id },
        { $set: { status: entry.status }, $push: { followUps: entry } },
        { new: true },
      )
      .lean()
      .exec();
  }

  list(filter: { teamId?: string; status?: string }, page: number, pageSize: number) {
    return findPage(this.model, filter, { inspectedOn: -1, _id: 1 }, page, pageSize);
  }
}
