import { Injectable } from '@nestjs/common';
import { Scope } from '@lib/auth';
import { ListAuditQuery } from '../audit.dto';
import { AuditStore } from '../audit.store';

/** 审计日志 as auditors read it: a page of the entries of the actors within their scope, newest first. */
@Injectable()
export class ReadAudit {
  constructor(private readonly audit: AuditStore) {}

  async list(scope: Scope, q: ListAuditQuery) {
    const { page, pageSize, ...filter } = q;
    const result = await this.audit.list(scope, filter, page, pageSize);
    return {
      ...result,
      items: result.items.map(({ _id, scopeCodes: _s, ...rest }) => ({ id: _id, ...rest })),
    };
  }
}
