import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { z } from 'zod';
import { CallerScope, Roles, Scope } from '@lib/auth';
import { ZodValidationPipe } from '@lib/service-kit';
import { SupervisionRoles } from '../supervision-roles';
import { present } from '../present';
import { Decision, DecisionBody } from '../decisions';
import { ListLeavesQuery, RequestLeaveBody } from './leaves.dto';
import { LeavesStore } from './leaves.store';
import { ManageLeaves } from './use-cases/manage-leaves.usecase';

/** 请假 / 公出, within the caller's org-unit scope. */
@Controller('api/v1/leaves')
export class LeavesController {
  constructor(
    private readonly manage: ManageLeaves,
    private readonly leaves: LeavesStore,
  ) {}

  @Post()
  @HttpCode(201)
  @Roles(...SupervisionRoles.writeWorkLogs)
  request(
    @CallerScope() scope: Scope,
    @Body(new ZodValidationPipe(RequestLeaveBody)) body: RequestLeaveBody,
  ) {
    return this.manage.request(scope, body);
  }

  @Post(':id/decision')
  @HttpCode(200)
  @Roles(...SupervisionRoles.manageTeams)
  decide(
    @CallerScope() scope: Scope,
    @Param('id', new ZodValidationPipe(z.string().uuid('须为申请编号（UUID）'))) id: string,
    @Body(new ZodValidationPipe(DecisionBody)) body: Decision,
  ) {
    return this.manage.decide(scope, id, body);
  }

  @Get()
  @Roles(...SupervisionRoles.read)
  async list(@CallerScope() scope: Scope, @Query(new ZodValidationPipe(ListLeavesQuery)) q: ListLeavesQuery) {
    const { page, pageSize, ...filter } = q;
    const result = await this.leaves.list(scope, filter, page, pageSize);
    return { ...result, items: result.items.map(present) };
  }
}
