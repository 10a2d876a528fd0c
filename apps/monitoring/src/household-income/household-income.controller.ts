import { Controller, Get, Param } from '@nestjs/common';
import { z } from 'zod';
import { CallerScope, notFound, Roles, Scope } from '@lib/auth';
import { MonitoringPermissions } from '@lib/contracts';
import { ZodValidationPipe } from '@lib/service-kit';
import { HouseholdDirectory } from '../household-directory/household-directory.store';
import { HouseholdIncome } from './household-income.service';

@Controller()
export class MonitoredHouseholdsController {
  constructor(
    private readonly directory: HouseholdDirectory,
    private readonly income: HouseholdIncome,
  ) {}

  /**
   * The household as monitoring knows it (answers once its registration has arrived), with its
   * current income (收入台账): components, sources (survey + payments) and per-month history.
   */
  @Get('api/v1/monitored-households/:id')
  @Roles(...MonitoringPermissions.readMonitoredHouseholds)
  async get(
    @CallerScope() scope: Scope,
    @Param('id', new ZodValidationPipe(z.string().uuid('须为农户编号（UUID）'))) id: string,
  ) {
    const doc = await this.directory.findById(scope, id);
    if (!doc) throw notFound(`监测系统尚无该户 (unknown household ${id})`);
    const { _id, ...rest } = doc;
    return { id: _id, ...rest, ...(await this.income.view(id)) };
  }
}
