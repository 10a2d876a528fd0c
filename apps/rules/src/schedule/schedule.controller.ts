import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { z } from 'zod';
import { Roles } from '@lib/auth';
import { RulesPermissions } from '@lib/contracts';
import { ZodValidationPipe } from '@lib/service-kit';
import { chinaDay } from '../engine/rule-book';
import { Scheduler } from './scheduler';

const RunBody = z
  .object({
    day: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, '须为日期，格式 YYYY-MM-DD')
      .optional(),
  })
  .strict();

@Controller('api/v1/rules/schedule')
export class SchedulerController {
  constructor(private readonly scheduler: Scheduler) {}

  /** Runs a day's time-based pass now (once per day across instances). Services and county admins. */
  @Post('daily')
  @HttpCode(200)
  @Roles(...RulesPermissions.writeRules)
  run(@Body(new ZodValidationPipe(RunBody)) body: z.infer<typeof RunBody>) {
    return this.scheduler.runDaily(body.day ?? chinaDay());
  }
}
