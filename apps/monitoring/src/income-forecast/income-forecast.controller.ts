import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import { CallerScope, Roles, Scope } from '@lib/auth';
import { MonitoringPermissions } from '@lib/contracts';
import { ZodValidationPipe } from '@lib/service-kit';
import { ReadForecasts } from './use-cases/read-forecasts.usecase';

export const AtRiskQuery = z
  .object({
    townCode: z
      .string()
      .regex(/^\d{9}$/, '须为 9 位乡镇代码')
      .optional(),
    villageCode: z
      .string()
      .regex(/^\d{12}$/, '须为 12 位村代码')
      .optional(),
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

/** 收入趋势预测 (HTTP): the household's forecast and the at-risk list. */
@Controller()
export class IncomeForecastController {
  constructor(private readonly forecasts: ReadForecasts) {}

  /**
   * The household's forecast; 204 (no content) while it has none: too few months recorded yet, or not
   * a household of the caller's scope (the page shows 尚无收入趋势预测 either way, with no failed request).
   */
  @Get('api/v1/monitored-households/:id/income-forecast')
  @Roles(...MonitoringPermissions.readMonitoredHouseholds)
  @ApiResponse({
    status: 204,
    description: '尚无预测（记录的月份不足，或不在调用者范围内） (no forecast yet)',
  })
  async get(
    @CallerScope() scope: Scope,
    @Param('id', new ZodValidationPipe(z.string().uuid('须为农户编号（UUID）'))) id: string,
    @Res({ passthrough: true }) res: Response,
  ) {
    const view = await this.forecasts.view(scope, id);
    if (!view) {
      res.status(204);
      return undefined;
    }
    return view;
  }

  /** 返贫风险户: households whose forecast is under the line within 3 months, by village. */
  @Get('api/v1/income-forecasts/at-risk')
  @Roles(...MonitoringPermissions.readMonitoredHouseholds)
  atRisk(
    @CallerScope() scope: Scope,
    @Query(new ZodValidationPipe(AtRiskQuery)) q: z.infer<typeof AtRiskQuery>,
  ) {
    return this.forecasts.atRisk(scope, q);
  }
}
