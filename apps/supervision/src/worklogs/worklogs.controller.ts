import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { CallerScope, Roles, Scope } from '@lib/auth';
import { ZodValidationPipe } from '@lib/service-kit';
import { SupervisionRoles } from '../supervision-roles';
import { present } from '../present';
import { ListWorkLogsQuery, RecordWorkLogBody } from './worklogs.dto';
import { RecordWorkLog } from './use-cases/record-work-log.usecase';
import { WorkLogsStore } from './worklogs.store';

/** 驻村工作日志, within the caller's org-unit scope ("only your own logs" is still to come). */
@Controller('api/v1/worklogs')
export class WorkLogsController {
  constructor(
    private readonly record: RecordWorkLog,
    private readonly logs: WorkLogsStore,
  ) {}

  @Post()
  @HttpCode(201)
  @Roles(...SupervisionRoles.writeWorkLogs)
  create(
    @CallerScope() scope: Scope,
    @Body(new ZodValidationPipe(RecordWorkLogBody)) body: RecordWorkLogBody,
  ) {
    return this.record.execute(scope, body);
  }

  @Get()
  @Roles(...SupervisionRoles.read)
  async list(
    @CallerScope() scope: Scope,
    @Query(new ZodValidationPipe(ListWorkLogsQuery)) q: ListWorkLogsQuery,
  ) {
    const { page, pageSize, ...filter } = q;
    const result = await this.logs.list(scope, filter, page, pageSize);
    return { ...result, items: result.items.map(present) };
  }
}
