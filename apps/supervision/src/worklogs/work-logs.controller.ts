import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { Roles } from '@lib/auth';
import { ZodValidationPipe } from '@lib/service-kit';
import { SupervisionRoles } from '../supervision-roles';
import { present } from '../teams/teams.usecases';
import { ListWorkLogsQuery, RecordWorkLogBody } from './work-logs.dto';
import { RecordWorkLog } from './record-work-log.usecase';
import { WorkLogsRepository } from './work-logs.repository';

/** 驻村工作日志. Role-checked; org-unit scope filtering (and "only your own logs") is still to come. */
@Controller('api/v1/worklogs')
export class WorkLogsController {
  constructor(
    private readonly record: RecordWorkLog,
    private readonly logs: WorkLogsRepository,
  ) {}

  @Post()
  @HttpCode(201)
  @Roles(...SupervisionRoles.writeWorkLogs)
  create(@Body(new ZodValidationPipe(RecordWorkLogBody)) body: RecordWorkLogBody) {
    return this.record.execute(body);
  }

  @Get()
  @Roles(...SupervisionRoles.read)
  async list(@Query(new ZodValidationPipe(ListWorkLogsQuery)) q: ListWorkLogsQuery) {
    const { page, pageSize, ...filter } = q;
    const result = await this.logs.list(filter, page, pageSize);
    return { ...result, items: result.items.map(present) };
  }
}
