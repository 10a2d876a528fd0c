import { BeforeApplicationShutdown, Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { Scope } from '@lib/auth';
import { pageOf, Store } from '@lib/persistence';
import { usersInScope } from '../users/users.store';
import { AuditEntry } from './audit.schema';

/**
 * Append-only: insert and read, never update or delete. Entries are written as answers go out, so
 * the ones still being written are remembered and a stop waits for them before the database
 * connection closes (a rolling update must not lose the entries of requests it has answered).
 */
@Injectable()
export class AuditStore implements BeforeApplicationShutdown {
  private readonly store: Store<AuditEntry>;
  private readonly writing = new Set<Promise<unknown>>();

  constructor(@InjectModel(AuditEntry.name) private readonly model: Model<AuditEntry>) {
    this.store = Store.of(model);
  }

  append(entry: AuditEntry): Promise<void> {
    return this.whileWriting(this.store.insert(entry).then(() => undefined));
  }

  /** Remembers an entry's writing (the lookups before it included) until it is done. */
  whileWriting<T>(work: Promise<T>): Promise<T> {
    this.writing.add(work);
    void work.then(
      () => this.writing.delete(work),
      () => this.writing.delete(work),
    );
    return work;
  }

  async beforeApplicationShutdown(): Promise<void> {
    while (this.writing.size > 0) await Promise.allSettled([...this.writing]);
  }

  list(
    scope: Scope,
    filter: {
      actorId?: string;
      actorName?: string;
      recordId?: string;
      method?: string;
      resource?: string;
      path?: string;
      status?: number;
      from?: Date;
      to?: Date;
    },
    page: number,
    pageSize: number,
  ) {
    const { from, to, path, ...rest } = filter;
    const q: Record<string, unknown> = {
      ...Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)),
      ...(path ? { path: { $regex: `^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}` } } : {}),
      ...(from || to ? { at: { ...(from ? { $gte: from } : {}), ...(to ? { $lt: to } : {}) } } : {}),
      ...usersInScope(scope),
    };
    return pageOf(this.model, q, { at: -1 }, page, pageSize);
  }
}
