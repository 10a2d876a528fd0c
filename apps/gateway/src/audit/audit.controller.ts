import { GatewayPermissions } from '@lib/contracts';
import { Controller, Get, Query } from '@nestjs/common';
import { z } from 'zod';
import { CallerScope, Roles, Scope } from '@lib/auth';
import { ZodValidationPipe } from '@lib/service-kit';
import { ListAuditQuery } from './audit.dto';
import { AuditStore } from './audit.store';

/** 审计日志: queryable by auditors, for the actors within their scope. */
@Controller('api/v1/audit')
export class AuditController {
  constructor(private readonly audit: AuditStore) {}

  @Get()
  @Roles(...GatewayPermissions.readAudit)
  async list(
    @CallerScope() scope: Scope,
    @Query(new ZodValidationPipe(ListAuditQuery)) q: z.infer<typeof ListAuditQuery>,
  ) {
    const { page, pageSize, ...filter } = q;
    const result = await this.audit.list(scope, filter, page, pageSize);
    return {
      ...result,
      items: result.items.map(({ _id, scopeCodes: _s, ...rest }) => ({ id: _id, ...rest })),
    };
  }
}
