import { ProjectsPermissions } from '@lib/contracts';
import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { Caller, CallerScope, Principal, Roles, Scope } from '@lib/auth';
import { fieldError, ZodValidationPipe } from '@lib/service-kit';

/** The bit of the HTTP response a handler touches (status of a replay). */
interface ReplyHeaders {
  status(code: number): unknown;
  setHeader(name: string, value: string): unknown;
}
import { ProjectId } from '../projects/project.dto';
import { ProjectsService } from '../projects/projects.service';
import { present } from '../problems';
import { IdempotencyKey, ListDistributionsQuery, PayDistributionBody } from './distribution.dto';
import { DistributionsRepository } from './distributions.repository';
import { PayDistribution } from './pay-distribution.usecase';

/** 收益分配: dividends and wages paid to beneficiary households. */
@Controller('api/v1/projects/:id/distributions')
export class DistributionsController {
  constructor(
    private readonly pay: PayDistribution,
    private readonly projects: ProjectsService,
    private readonly distributions: DistributionsRepository,
  ) {}

  /** 201 for a new payment; 200 with the first payment when the same id/key is sent again. */
  @Post()
  @HttpCode(201)
  @Roles(...ProjectsPermissions.payDistributions)
  async create(
    @CallerScope() scope: Scope,
    @Caller() caller: Principal,
    @Param('id', new ZodValidationPipe(ProjectId)) id: string,
    @Headers('idempotency-key') rawKey: string | undefined,
    @Body(new ZodValidationPipe(PayDistributionBody)) body: PayDistributionBody,
    @Res({ passthrough: true }) res: ReplyHeaders,
  ) {
    const key = IdempotencyKey.safeParse(rawKey);
    if (!key.success) throw fieldError('Idempotency-Key', key.error.issues[0].message);
    const result = await this.pay.execute(scope, caller, id, body, key.data);
    if (result.replayed) {
      res.status(200);
      res.setHeader('idempotent-replayed', 'true');
    }
    const { amountFen: _fen, ...shown } = result.distribution;
    return shown;
  }

  @Get()
  @Roles(...ProjectsPermissions.readProjects)
  async list(
    @CallerScope() scope: Scope,
    @Param('id', new ZodValidationPipe(ProjectId)) id: string,
    @Query(new ZodValidationPipe(ListDistributionsQuery)) q: ListDistributionsQuery,
  ) {
    await this.projects.get(scope, id);
    const { page, pageSize, ...filter } = q;
    const result = await this.distributions.list(scope, id, filter, page, pageSize);
    return { ...result, items: result.items.map(({ amountFen: _fen, ...d }) => present(d)) };
  }
}
