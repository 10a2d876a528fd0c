import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { z } from 'zod';
import { CallerScope, Roles, Scope } from '@lib/auth';
import { VillageCode, ProjectsPermissions, refusals } from '@lib/contracts';
import { fieldError, ZodValidationPipe } from '@lib/service-kit';
import { ProjectsClock } from '../clock';
import { IsoDate } from '../dto';
import { RaiseFindings } from './use-cases/raise-findings.usecase';
import { ReportProgress } from './use-cases/report-progress.usecase';

/** Judged against today by asOf() below. */
const NotFuture = IsoDate.meta(refusals({ field: '', rule: '不能晚于今天 (must not be in the future)' }));

const ProgressQuery = z
  .object({
    villageCode: VillageCode.optional(),
    asOf: NotFuture.optional().describe('the day to judge on (default: today); not in the future'),
  })
  .strict();
const RunCheckBody = z.object({ asOf: NotFuture.optional() }).strict();

/** 项目进度: overdue milestones, projects without sales, beneficiaries without benefit this year. */
@Controller('api/v1/projects/progress')
export class ProgressController {
  constructor(
    private readonly reportProgress: ReportProgress,
    private readonly raiseFindings: RaiseFindings,
    private readonly clock: ProjectsClock,
  ) {}

  private asOf(asOf: string | undefined, field: string) {
    const today = this.clock.today();
    if (asOf && asOf > today) throw fieldError(field, '不能晚于今天 (must not be in the future)');
    return asOf ?? today;
  }

  @Get()
  @Roles(...ProjectsPermissions.readProjects)
  report(
    @CallerScope() scope: Scope,
    @Query(new ZodValidationPipe(ProgressQuery)) q: z.infer<typeof ProgressQuery>,
  ) {
    return this.reportProgress.execute(scope, this.asOf(q.asOf, 'asOf'), q.villageCode);
  }

  /** Runs the periodic check now (raises each finding's event once per period, whoever runs it). */
  @Post('checks')
  @HttpCode(200)
  @Roles(...ProjectsPermissions.runProjectChecks)
  run(@Body(new ZodValidationPipe(RunCheckBody)) body: z.infer<typeof RunCheckBody>) {
    return this.raiseFindings.execute(this.asOf(body.asOf, 'asOf'));
  }
}
