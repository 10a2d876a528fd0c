import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { Scope } from '@lib/auth';
import { CloudEvent } from '@lib/contracts';
import { OutboxRelay } from '@lib/messaging';
import { Store } from '@lib/persistence';
import { ScopedCollection } from '../scoped-collection';
import { WorkLog } from './work-log.schema';
import { ofMembersOnDays, onDays } from '../equality-lookups';
import { WITHOUT_OUTBOX } from '@lib/persistence';

/** All database access for work logs. */
@Injectable()
export class WorkLogsStore {
  constructor(
    @InjectModel(WorkLog.name) private readonly model: Model<WorkLog>,
    relay: OutboxRelay,
  ) {
    this.scoped = new ScopedCollection(model);
    this.store = Store.of(model, { relay });
  }

  private readonly scoped: ScopedCollection<WorkLog>;
  private readonly store: Store<WorkLog>;

  /** The log and its event in one write; 'exists' when a log with its id is stored already (a device's upload again). */
  async insert(log: WorkLog, events: CloudEvent[]): Promise<'created' | 'exists'> {
    return (await this.store.insertNew(log, events)) ? 'created' : 'exists';
  }

  /** A log by its id (the device's id of an upload), whatever the scope: the caller checked the member. */
  findById(id: string): Promise<WorkLog | null> {
    return this.model.findOne({ _id: id }, WITHOUT_OUTBOX).lean<WorkLog>().exec();
  }

  ofMembersOnDays(memberIds: string[], days: string[]) {
    return ofMembersOnDays(this.model, memberIds, days);
  }

  /** Everything on these days: one equality lookup per day (FerretDB scans the collection for `$in`). */
  onDays(days: string[]) {
    return onDays(this.model, days);
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
