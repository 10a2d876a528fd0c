import { GatewayPermissions } from '@lib/contracts';
import { Controller, Get, Query } from '@nestjs/common';
import { CallerScope, Roles, Scope } from '@lib/auth';
import { ZodValidationPipe } from '@lib/service-kit';
import { ListAuditQuery } from './audit.dto';
import { ReadAudit } from './use-cases/read-audit.usecase';

/** 审计日志: queryable by auditors, for the actors within their scope. */
@Controller('api/v1/audit')
export class AuditController {
  constructor(private readonly read: ReadAudit) {}

  @Get()
  @Roles(...GatewayPermissions.readAudit)
  list(@CallerScope() scope: Scope, @Query(new ZodValidationPipe(ListAuditQuery)) q: ListAuditQuery) {
    return this.read.list(scope, q);
  }
}
