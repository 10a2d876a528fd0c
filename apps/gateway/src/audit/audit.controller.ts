import { GatewayPermissions } from '@lib/contracts';
import { Controller, Get, Query } from '@nestjs/common';
import { z } from 'zod';
import { CallerScope, Roles, Scope } from '@lib/auth';
import { Paging, ZodValidationPipe } from '@lib/service-kit';
import { AuditStore } from './audit.store';

const ListAuditQuery = Paging.extend({
  actorId: z.string().uuid().optional(),
  actorName: z.string().min(1).max(64).optional(),
  recordId: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, '须为记录编号')
    .optional(),
  method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']).optional(),
  /** The resource of /api/v1/<resource>/… (households, surveys, users …). */
  resource: z
    .string()
    .regex(/^[a-z][a-z0-9-]{0,63}$/, 'must be a resource name such as households')
    .optional(),
  /** Entries whose path starts with this (/api/v1/households/…). */
  path: z
    .string()
    .regex(/^\/[\w./%-]{0,255}$/, 'must be a path starting with /')
    .optional(),
  status: z.coerce
    .number()
    .int()
    .min(100, 'must be an HTTP status')
    .max(599, 'must be an HTTP status')
    .optional(),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
}).strict();

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
