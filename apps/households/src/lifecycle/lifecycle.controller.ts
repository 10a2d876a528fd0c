import { HouseholdsPermissions } from '@lib/contracts';
import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { z } from 'zod';
import { Caller, CallerScope, Principal, Roles, Scope } from '@lib/auth';
import { ZodValidationPipe } from '@lib/service-kit';
import { TransitionBody } from './lifecycle.dto';
import { TransitionLifecycle } from './use-cases/transition-lifecycle.usecase';
import { STEP_PERMISSION } from './domain/lifecycle';

/** Anyone who owns some step; the use case checks the step asked for is theirs (403 otherwise). */
const STEP_OWNERS = [...new Set(Object.values(STEP_PERMISSION).flatMap((p) => HouseholdsPermissions[p]))];

const HouseholdId = z.string().uuid('须为农户编号（UUID）');

/** 监测对象识别、评议、公示、审核、审定、帮扶、风险消除. */
@Controller('api/v1/households/:id/lifecycle-transitions')
export class LifecycleController {
  constructor(private readonly transitionLifecycle: TransitionLifecycle) {}

  /** The current lifecycle and every step so far, oldest first. */
  @Get()
  @Roles(...HouseholdsPermissions.readHouseholds)
  history(@CallerScope() scope: Scope, @Param('id', new ZodValidationPipe(HouseholdId)) id: string) {
    return this.transitionLifecycle.current(scope, id);
  }

  /**
   * One step, by the level that owns it (`HouseholdsPermissions.lifecycle*`, libs/contracts): body
   * {action, decision?: approve|reject, reason? (required to reject), on?, channel? (identify), category?
   * (identify), method? (eliminate_risk), note?}. 风险消除 is judged on the recorded income, line and labour.
   */
  @Post()
  @HttpCode(201)
  @Roles(...STEP_OWNERS)
  transition(
    @Caller() caller: Principal,
    @CallerScope() scope: Scope,
    @Param('id', new ZodValidationPipe(HouseholdId)) id: string,
    @Body(new ZodValidationPipe(TransitionBody)) body: TransitionBody,
  ) {
    return this.transitionLifecycle.execute(caller, scope, id, body);
  }
}
