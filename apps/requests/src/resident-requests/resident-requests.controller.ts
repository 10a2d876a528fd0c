import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { assertCovers, Caller, CallerScope, notFound, Principal, Roles, Scope } from '@lib/auth';
import { RequestsPermissions } from '@lib/contracts';
import { ZodValidationPipe } from '@lib/service-kit';
import { PhoneReads } from './phone-reads';
import { presentRequest } from './present-request';
import {
  AssignBody,
  ConcludeBody,
  ListRequestsQuery,
  PhoneReadQuery,
  RateBody,
  ReceiveRequestBody,
  RequestId,
  StatisticsQuery,
} from './resident-requests.dto';
import { ResidentRequestsStore } from './resident-requests.store';
import { RequestStatistics } from './request-statistics';
import { ReceiveRequest } from './use-cases/receive-request.usecase';
import { WorkRequest } from './use-cases/work-request.usecase';

const byOf = (p: Principal) => p.name || p.sub;

/** 民事直说 / 民事领办代办: the cadres' side — intake on a resident's behalf, inbox, actions, statistics. */
@Controller('api/v1')
export class ResidentRequestsController {
  constructor(
    private readonly receive: ReceiveRequest,
    private readonly work: WorkRequest,
    private readonly store: ResidentRequestsStore,
    private readonly statistics: RequestStatistics,
    private readonly phoneReads: PhoneReads,
  ) {}

  @Post('resident-requests')
  @HttpCode(201)
  @Roles(...RequestsPermissions.handleResidentRequests)
  async create(
    @CallerScope() scope: Scope,
    @Caller() caller: Principal,
    @Body(new ZodValidationPipe(ReceiveRequestBody)) body: ReceiveRequestBody,
  ) {
    assertCovers(scope, body.villageCode);
    return presentRequest(await this.receive.execute(body, 'cadre', byOf(caller)));
  }

  @Get('resident-requests')
  @Roles(...RequestsPermissions.readResidentRequests)
  async list(
    @CallerScope() scope: Scope,
    @Caller() caller: Principal,
    @Query(new ZodValidationPipe(ListRequestsQuery)) q: ListRequestsQuery,
  ) {
    const { page, pageSize, assignee, ...filter } = q;
    const assigneeUserId = assignee === 'me' ? caller.sub : assignee;
    const result = await this.store.list(scope, { ...filter, assigneeUserId }, page, pageSize);
    const now = new Date();
    return { ...result, items: result.items.map((r) => presentRequest(r, now)) };
  }

  @Get('resident-request-statistics')
  @Roles(...RequestsPermissions.readResidentRequests)
  async stats(
    @CallerScope() scope: Scope,
    @Query(new ZodValidationPipe(StatisticsQuery)) q: StatisticsQuery,
  ) {
    return { items: await this.statistics.byVillage(scope, q) };
  }

  @Get('resident-requests/:id')
  @Roles(...RequestsPermissions.readResidentRequests)
  async get(@CallerScope() scope: Scope, @Param('id', new ZodValidationPipe(RequestId)) id: string) {
    const r = await this.store.findById(scope, id);
    if (!r) throw notFound('诉求不存在或不在您的管辖范围内 (request not found)');
    return presentRequest(r);
  }

  /** The resident's phone in clear, with the reason: audited. */
  @Get('resident-requests/:id/phone')
  @Roles(...RequestsPermissions.readRequesterPhone)
  async phone(
    @CallerScope() scope: Scope,
    @Caller() caller: Principal,
    @Param('id', new ZodValidationPipe(RequestId)) id: string,
    @Query(new ZodValidationPipe(PhoneReadQuery)) q: { reason: string },
  ) {
    const r = await this.store.findById(scope, id);
    if (!r) throw notFound('诉求不存在或不在您的管辖范围内 (request not found)');
    return { phone: await this.phoneReads.read(r, caller.sub, q.reason) };
  }

  @Post('resident-requests/:id/assignment')
  @HttpCode(200)
  @Roles(...RequestsPermissions.assignResidentRequests)
  async assign(
    @CallerScope() scope: Scope,
    @Caller() caller: Principal,
    @Param('id', new ZodValidationPipe(RequestId)) id: string,
    @Body(new ZodValidationPipe(AssignBody)) body: AssignBody,
  ) {
    const to = { userId: body.assigneeUserId, name: body.assigneeName };
    return presentRequest(await this.work.assign(scope, id, to, byOf(caller)));
  }

  @Post('resident-requests/:id/start')
  @HttpCode(200)
  @Roles(...RequestsPermissions.handleResidentRequests)
  async start(
    @CallerScope() scope: Scope,
    @Caller() caller: Principal,
    @Param('id', new ZodValidationPipe(RequestId)) id: string,
  ) {
    return presentRequest(await this.work.start(scope, id, byOf(caller)));
  }

  @Post('resident-requests/:id/conclusion')
  @HttpCode(200)
  @Roles(...RequestsPermissions.handleResidentRequests)
  async conclude(
    @CallerScope() scope: Scope,
    @Caller() caller: Principal,
    @Param('id', new ZodValidationPipe(RequestId)) id: string,
    @Body(new ZodValidationPipe(ConcludeBody)) body: ConcludeBody,
  ) {
    return presentRequest(await this.work.conclude(scope, id, body.answer, byOf(caller)));
  }

  /** 回访: the resident's rating; 不满意 reopens the request. */
  @Post('resident-requests/:id/rating')
  @HttpCode(200)
  @Roles(...RequestsPermissions.handleResidentRequests)
  async rate(
    @CallerScope() scope: Scope,
    @Caller() caller: Principal,
    @Param('id', new ZodValidationPipe(RequestId)) id: string,
    @Body(new ZodValidationPipe(RateBody)) body: RateBody,
  ) {
    return presentRequest(await this.work.rate(scope, id, body.rating, body.note ?? null, byOf(caller)));
  }
}
