import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { Scope } from '@lib/auth';
import { pageOf, Store } from '@lib/persistence';
import { usersInScope } from '../users/users.repository';
import { AuditEntry } from './audit-entry.schema';

/** Append-only: insert and read, never update or delete. */
@Injectable()
export class AuditRepository {
  private readonly store: Store<AuditEntry>;

  constructor(@InjectModel(AuditEntry.name) private readonly model: Model<AuditEntry>) {
    this.store = Store.of(model);
  }

  async append(entry: AuditEntry): Promise<void> {
    await this.store.insert(entry);
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
