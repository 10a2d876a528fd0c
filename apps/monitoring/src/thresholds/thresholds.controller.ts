import { MonitoringPermissions } from '@lib/contracts';
import { Body, Controller, ForbiddenException, Get, Put, Query } from '@nestjs/common';
import { assertCovers, Caller, CallerScope, Principal, Roles, Scope } from '@lib/auth';
import { ZodValidationPipe } from '@lib/service-kit';
import { ListThresholdsQuery, PutThresholdBody, ThresholdHistoryQuery } from './thresholds.dto';
import { ReadThresholds } from './use-cases/read-thresholds.usecase';
import { SetThreshold } from './use-cases/set-threshold.usecase';

/**
 * 监测范围 (yearly per-capita income lines). Reference data of the whole platform: everyone may read
 * every line. A county's line is set by that county's administrators; national and province lines
 * only by the service identity (the platform acting for the province's published figure).
 */
@Controller('api/v1/thresholds')
export class ThresholdsController {
  constructor(
    private readonly thresholds: ReadThresholds,
    private readonly setThreshold: SetThreshold,
  ) {}

  @Get()
  @Roles(...MonitoringPermissions.readThresholds)
  async list(@Query(new ZodValidationPipe(ListThresholdsQuery)) q: ListThresholdsQuery) {
    return { items: await this.thresholds.list(q) };
  }

  /** Every change (who, when, previous amount, reason), newest first. */
  @Get('history')
  @Roles(...MonitoringPermissions.readThresholds)
  history(@Query(new ZodValidationPipe(ThresholdHistoryQuery)) q: ThresholdHistoryQuery) {
    return this.thresholds.history(q);
  }

  @Put()
  @Roles(...MonitoringPermissions.writeThresholds)
  set(
    @Caller() caller: Principal,
    @CallerScope() scope: Scope,
    @Body(new ZodValidationPipe(PutThresholdBody)) body: PutThresholdBody,
  ) {
    if (body.scope === 'county') assertCovers(scope, body.code!);
    else if (!scope.all)
      throw new ForbiddenException({
        statusCode: 403,
        error: 'Forbidden',
        message:
          '全国和省级监测范围仅可由平台服务账号设置 (national and province lines are set by the service identity only)',
      });
    return this.setThreshold.execute(caller, body);
  }
}
