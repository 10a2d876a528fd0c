import { ProjectsPermissions } from '@lib/contracts';
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { Caller, CallerScope, Principal, Roles, Scope } from '@lib/auth';
import { FieldProblem, ZodValidationPipe } from '@lib/service-kit';
import { ProjectId } from '../projects/project.dto';
import { ProjectsService } from '../projects/projects.service';
import { present, problemsError } from '../problems';
import { PageQuery, RecordOutputBody, RecordSaleBody } from './records.dto';
import { OutputsRepository, SalesRepository } from './records.repository';

/** A record's date lies between the project's start and today. */
function dateProblem(field: string, day: string, startsOn: string, today: string): FieldProblem | null {
  if (day < startsOn)
    return { field, reason: `不能早于项目开始日期 ${startsOn} (must not be before the project start)` };
  if (day > today) return { field, reason: '不能晚于今天 (must not be in the future)' };
  return null;
}

/** 产出与销售: stocking and harvest records, sales by channel. */
@Controller('api/v1/projects/:id')
export class RecordsController {
  constructor(
    private readonly projects: ProjectsService,
    private readonly outputs: OutputsRepository,
    private readonly sales: SalesRepository,
  ) {}

  @Post('outputs')
  @HttpCode(201)
  @Roles(...ProjectsPermissions.writeProjects)
  async recordOutput(
    @CallerScope() scope: Scope,
    @Caller() caller: Principal,
    @Param('id', new ZodValidationPipe(ProjectId)) id: string,
    @Body(new ZodValidationPipe(RecordOutputBody)) body: RecordOutputBody,
  ) {
    const p = await this.projects.get(scope, id);
    const problem = dateProblem('recordedOn', body.recordedOn, p.startsOn, this.projects.today());
    if (problem) throw problemsError([problem]);
    const o = {
      _id: randomUUID(),
      projectId: id,
      ...body,
      countyCode: p.countyCode,
      townCode: p.townCode,
      villageCode: p.villageCode,
      recordedBy: caller.name || caller.sub,
      recordedAt: new Date(),
    };
    await this.outputs.create(o);
    return present(o);
  }

  @Get('outputs')
  @Roles(...ProjectsPermissions.readProjects)
  async listOutputs(
    @CallerScope() scope: Scope,
    @Param('id', new ZodValidationPipe(ProjectId)) id: string,
    @Query(new ZodValidationPipe(PageQuery)) q: z.infer<typeof PageQuery>,
  ) {
    await this.projects.get(scope, id);
    const [page, totals] = await Promise.all([
      this.outputs.list(scope, id, q.page, q.pageSize),
      this.outputs.totals(id),
    ]);
    return {
      ...page,
      items: page.items.map(present),
      totals: totals.map((t) => ({ ...t._id, quantity: t.quantity })),
    };
  }

  @Post('sales')
  @HttpCode(201)
  @Roles(...ProjectsPermissions.writeProjects)
  async recordSale(
    @CallerScope() scope: Scope,
    @Caller() caller: Principal,
    @Param('id', new ZodValidationPipe(ProjectId)) id: string,
    @Body(new ZodValidationPipe(RecordSaleBody)) body: RecordSaleBody,
  ) {
    const p = await this.projects.get(scope, id);
    const problem = dateProblem('soldOn', body.soldOn, p.startsOn, this.projects.today());
    if (problem) throw problemsError([problem]);
    const s = {
      _id: randomUUID(),
      projectId: id,
      ...body,
      amountFen: Math.round(body.amount * 100),
      countyCode: p.countyCode,
      townCode: p.townCode,
      villageCode: p.villageCode,
      recordedBy: caller.name || caller.sub,
      recordedAt: new Date(),
    };
    await this.sales.create(s);
    const { amountFen: _fen, ...shown } = s;
    return present(shown);
  }

  @Get('sales')
  @Roles(...ProjectsPermissions.readProjects)
  async listSales(
    @CallerScope() scope: Scope,
    @Param('id', new ZodValidationPipe(ProjectId)) id: string,
    @Query(new ZodValidationPipe(PageQuery)) q: z.infer<typeof PageQuery>,
  ) {
    await this.projects.get(scope, id);
    const [page, byChannel] = await Promise.all([
      this.sales.list(scope, id, q.page, q.pageSize),
      this.sales.totals(id),
    ]);
    return {
      ...page,
      items: page.items.map(({ amountFen: _fen, ...s }) => present(s)),
      byChannel,
      total: page.total,
      totalAmount: byChannel.reduce((a, c) => a + Math.round(c.amount * 100), 0) / 100,
    };
  }
}
