import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { Scope } from '@lib/auth';
import { CloudEvent } from '@lib/contracts';
import { OutboxRelay, outboxOnInsert } from '@lib/messaging';
import { ScopedCollection } from '../scoped-collection';
import { WorkLog } from './work-log.schema';
import { findAllEach } from '../equality-lookups';

/** All database access for work logs. */
@Injectable()
export class WorkLogsRepository implements OnModuleInit {
  constructor(
    @InjectModel(WorkLog.name) private readonly model: Model<WorkLog>,
    private readonly relay: OutboxRelay,
  ) {
    this.scoped = new ScopedCollection(model);
  }

  private readonly scoped: ScopedCollection<WorkLog>;

  async onModuleInit() {
    this.relay.register(this.model.collection);
  }

  /** The log and its event in one write. */
  async insert(log: WorkLog, events: CloudEvent[]): Promise<void> {
    await this.model.collection.insertOne({ ...log, ...outboxOnInsert(events) } as never);
    this.relay.kick();
  }

  async ofMembersOnDays(memberIds: string[], days: string[]) {
    const wanted = new Set(memberIds);
    return (await this.onDays(days)).filter((d) => wanted.has(d.memberId));
  }

  /** Everything on these days: one equality lookup per day (FerretDB scans the collection for `$in`). */
  onDays(days: string[]) {
    return findAllEach(
      this.model,
      [...new Set(days)].map((day) => ({ day })),
    );
  }

  list(
    scope: Scope,
    filter: { memberId?: string; teamId?: string; day?: string },
    page: number,
    pageSize: number,
  ) {
    return this.scoped.page(scope, filter, { at: -1, _id: 1 }, page, pageSize);
  }
}
