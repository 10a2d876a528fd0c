import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { Scope } from '@lib/auth';
import { CloudEvent } from '@lib/contracts';
import { OutboxRelay, outboxOnInsert } from '@lib/messaging';
import { ScopedCollection } from '../scoped-collection';
import { WorkLog } from './work-log.schema';
import { findAllEach } from '../equality-lookups';
import { WITHOUT_OUTBOX } from '@lib/persistence';

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

  /** The log and its event in one write; 'exists' when a log with its id is stored already (a device's upload again). */
  async insert(log: WorkLog, events: CloudEvent[]): Promise<'created' | 'exists'> {
    try {
      await this.model.collection.insertOne({ ...log, ...outboxOnInsert(events) } as never);
    } catch (e) {
      if ((e as { code?: number }).code === 11000) return 'exists';
      throw e;
    }
    this.relay.kick();
    return 'created';
  }

  /** A log by its id (the device's id of an upload), whatever the scope: the caller checked the member. */
  findById(id: string): Promise<WorkLog | null> {
    return this.model.findOne({ _id: id }, WITHOUT_OUTBOX).lean<WorkLog>().exec();
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
