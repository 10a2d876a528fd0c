import { Injectable } from '@nestjs/common';
import { CloudEvent } from '@lib/contracts';
import { OutboxRelay } from '@lib/messaging';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { Scope } from '@lib/auth';
import { ScopedCollection } from '../scoped-collection';
import { FollowUpStatus, Inspection } from './inspection.schema';

/** All database access for inspections. */
@Injectable()
export class InspectionsStore extends ScopedCollection<Inspection> {
  constructor(@InjectModel(Inspection.name) model: Model<Inspection>, relay: OutboxRelay) {
    super(model, { relay });
  }

  /** Stores the inspection with its events (one document). */
  async insert(inspection: Inspection, events: CloudEvent[]): Promise<void> {
    await this.store.insert(inspection, events);
  }

  /**
   * Appends a follow-up and moves the status, with its events, in one single-document update; only
   * while the inspection still has `followUpsBefore` follow-ups (a concurrent one: null, try again).
   */
  async followUp(
    scope: Scope,
    id: string,
    followUpsBefore: number,
    entry: { status: FollowUpStatus; note: string; by: string; at: Date },
    events: CloudEvent[],
  ) {
    const r = await this.store.updateOne(
      this.within(scope, { _id: id, followUps: { $size: followUpsBefore } }),
      { $set: { status: entry.status }, $push: { followUps: entry } },
      { events },
    );
    return r.matchedCount === 1 ? this.model.findById(id).lean<Inspection>().exec() : null;
  }

  list(scope: Scope, filter: { teamId?: string; status?: string }, page: number, pageSize: number) {
    return this.page(scope, filter, { inspectedOn: -1, _id: 1 }, page, pageSize);
  }
}
