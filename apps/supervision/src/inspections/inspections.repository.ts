import { Injectable } from '@nestjs/common';
import { CloudEvent } from '@lib/contracts';
import { OutboxRelay, outboxOnInsert, outboxOnUpdate } from '@lib/messaging';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { Scope } from '@lib/auth';
import { ScopedCollection } from '../scoped-collection';
import { FollowUpStatus, Inspection } from './inspection.schema';

/** All database access for inspections. */
@Injectable()
export class InspectionsRepository extends ScopedCollection<Inspection> {
  constructor(
    @InjectModel(Inspection.name) model: Model<Inspection>,
    private readonly relay: OutboxRelay,
  ) {
    super(model);
  }

  onModuleInit() {
    this.relay.register(this.model.collection);
  }

  /** Stores the inspection with its events (one document). */
  async insert(inspection: Inspection, events: CloudEvent[]): Promise<void> {
    await this.model.collection.insertOne({ ...inspection, ...outboxOnInsert(events) } as never);
    this.relay.kick();
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
    const outbox = outboxOnUpdate(events);
    const updated = await this.model.collection
      .updateOne(
        this.where(scope, { _id: id, followUps: { $size: followUpsBefore } }) as never,
        {
          $set: { status: entry.status, ...outbox.$set },
          $push: { followUps: entry, ...outbox.$push },
        } as never,
      )
      .then(async (r) => (r.matchedCount === 1 ? this.model.findById(id).lean<Inspection>().exec() : null));
    if (updated) this.relay.kick();
    return updated;
  }

  list(scope: Scope, filter: { teamId?: string; status?: string }, page: number, pageSize: number) {
    return this.page(scope, filter, { inspectedOn: -1, _id: 1 }, page, pageSize);
  }
}
