import { ProjectsPermissions } from '@lib/contracts';
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { z } from 'zod';
import { Caller, CallerScope, Principal, Roles, Scope } from '@lib/auth';
import { ZodValidationPipe } from '@lib/service-kit';
import { PageQuery, ProjectId } from '../dto';
import { RecordOutputBody, RecordSaleBody } from './records.dto';
import { ListRecords } from './use-cases/list-records.usecase';
import { RecordOutput } from './use-cases/record-output.usecase';
import { RecordSale } from './use-cases/record-sale.usecase';

/** 产出与销售: stocking and harvest records, sales by channel. */
@Controller('api/v1/projects/:id')
export class RecordsController {
  constructor(
    private readonly recordOutputOf: RecordOutput,
    private readonly recordSaleOf: RecordSale,
    private readonly records: ListRecords,
  ) {}

  @Post('outputs')
  @HttpCode(201)
  @Roles(...ProjectsPermissions.writeProjects)
  recordOutput(
    @CallerScope() scope: Scope,
    @Caller() caller: Principal,
    @Param('id', new ZodValidationPipe(ProjectId)) id: string,
    @Body(new ZodValidationPipe(RecordOutputBody)) body: RecordOutputBody,
  ) {
    return this.recordOutputOf.execute(scope, caller, id, body);
  }

  @Get('outputs')
  @Roles(...ProjectsPermissions.readProjects)
  listOutputs(
    @CallerScope() scope: Scope,
    @Param('id', new ZodValidationPipe(ProjectId)) id: string,
    @Query(new ZodValidationPipe(PageQuery)) q: z.infer<typeof PageQuery>,
  ) {
    return this.records.outputsOf(scope, id, q.page, q.pageSize);
  }

  @Post('sales')
  @HttpCode(201)
  @Roles(...ProjectsPermissions.writeProjects)
  recordSale(
    @CallerScope() scope: Scope,
    @Caller() caller: Principal,
    @Param('id', new ZodValidationPipe(ProjectId)) id: string,
    @Body(new ZodValidationPipe(RecordSaleBody)) body: RecordSaleBody,
  ) {
    return this.recordSaleOf.execute(scope, caller, id, body);
  }

  @Get('sales')
  @Roles(...ProjectsPermissions.readProjects)
  listSales(
    @CallerScope() scope: Scope,
    @Param('id', new ZodValidationPipe(ProjectId)) id: string,
    @Query(new ZodValidationPipe(PageQuery)) q: z.infer<typeof PageQuery>,
  ) {
    return this.records.salesOf(scope, id, q.page, q.pageSize);
  }
}
