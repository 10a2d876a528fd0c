import { HouseholdsPermissions } from '@lib/contracts';
import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { z } from 'zod';
import { Caller, CallerScope, Principal, Roles, Scope } from '@lib/auth';
import { ZodValidationPipe } from '@lib/service-kit';
import { CloseHouseholdBody } from './closure.dto';
import { CloseHousehold } from './use-cases/close-household.usecase';

const HouseholdId = z.string().uuid('须为农户编号（UUID）');

/** 注销 of a household (死亡, 迁出, 合户, 自然消亡). */
@Controller('api/v1/households/:id/closure')
export class ClosureController {
  constructor(private readonly closeHousehold: CloseHousehold) {}

  /**
   * Closes the household: body {reason, on, mergedInto? (合户), note?}; by the town or the county
   * (`HouseholdsPermissions.closeHousehold`). 409 when it is closed already. Answers the household.
   */
  @Post()
  @HttpCode(201)
  @Roles(...HouseholdsPermissions.closeHousehold)
  close(
    @Caller() caller: Principal,
    @CallerScope() scope: Scope,
    @Param('id', new ZodValidationPipe(HouseholdId)) id: string,
    @Body(new ZodValidationPipe(CloseHouseholdBody)) body: CloseHouseholdBody,
  ) {
    return this.closeHousehold.execute(caller, scope, id, body);
  }
}
