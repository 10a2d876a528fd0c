import { ProjectsPermissions } from '@lib/contracts';
import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { z } from 'zod';
import { Caller, CallerScope, Principal, Roles, Scope } from '@lib/auth';
import { fieldError, ZodValidationPipe } from '@lib/service-kit';
import { ProjectId } from '../dto';
import { present } from '../problems';
import { GetProject } from '../projects/use-cases/get-project.usecase';
import { IdempotencyKey, ListDistributionsQuery, PayDistributionBody } from './distributions.dto';
import { FindPayments } from './use-cases/find-payments.usecase';
import { PayDistribution } from './use-cases/pay-distribution.usecase';
import { ShowHouseholdBenefits } from './use-cases/show-household-benefits.usecase';

/** The bit of the HTTP response a handler touches (status of a replay). */
interface ReplyHeaders {
  status(code: number): unknown;
  setHeader(name: string, value: string): unknown;
}

/** What a household gets from projects (its links and payments); 404 until projects knows the household. */
@Controller('api/v1/projects/households')
export class HouseholdBenefitsController {
  constructor(private readonly benefits: ShowHouseholdBenefits) {}

  @Get(':householdId')
  @Roles(...ProjectsPermissions.readProjects)
  get(
    @CallerScope() scope: Scope,
    @Param('householdId', new ZodValidationPipe(z.string().uuid('须为农户编号（UUID）')))
    householdId: string,
  ) {
    return this.benefits.execute(scope, householdId);
  }
}

/** 收益分配: dividends and wages paid to beneficiary households. */
@Controller('api/v1/projects/:id/distributions')
export class DistributionsController {
  constructor(
    private readonly pay: PayDistribution,
    private readonly getProject: GetProject,
    private readonly payments: FindPayments,
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
    await this.getProject.execute(scope, id);
    const { page, pageSize, ...filter } = q;
    const result = await this.payments.page(scope, id, filter, page, pageSize);
    return { ...result, items: result.items.map(({ amountFen: _fen, ...d }) => present(d)) };
  }
}
