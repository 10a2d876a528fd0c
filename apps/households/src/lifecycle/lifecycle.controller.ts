import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { z } from 'zod';
import { Caller, CallerScope, Permissions, Principal, Roles, Scope } from '@lib/auth';
import { ZodValidationPipe } from '@lib/service-kit';
import { TransitionBody } from './transition.dto';
import { TransitionLifecycle } from './transition-lifecycle.usecase';

const HouseholdId = z.string().uuid('须为农户编号（UUID）');

/** 监测对象识别、评议、公示、审核、审定、帮扶、风险消除. */
@Controller('api/v1/households/:id/lifecycle-transitions')
export class LifecycleController {
  constructor(private readonly transitionLifecycle: TransitionLifecycle) {}

  /** The current lifecycle and every step so far, oldest first. */
  @Get()
  @Roles(...Permissions.readHouseholds)
  history(@CallerScope() scope: Scope, @Param('id', new ZodValidationPipe(HouseholdId)) id: string) {
    return this.transitionLifecycle.current(scope, id);
  }

  @Post()
  @HttpCode(201)
  @Roles(...Permissions.writeHouseholds)
  transition(
    @Caller() caller: Principal,
    @CallerScope() scope: Scope,
    @Param('id', new ZodValidationPipe(HouseholdId)) id: string,
    @Body(new ZodValidationPipe(TransitionBody)) body: TransitionBody,
  ) {
    return this.transitionLifecycle.execute(caller, scope, id, body);
  }
}
