import { Controller, Get } from '@nestjs/common';
import { Roles } from '@lib/auth';
import { RulesPermissions } from '@lib/contracts';
import { ThresholdsRepository } from './thresholds.repository';

/**
 * The lines the rules evaluate with (rules' copy of monitoring's 监测范围, kept from threshold.set.v1).
 * Monitoring owns the lines and answers /api/v1/thresholds; this copy has its own path, so that each path
 * is declared by one app (it lags the owner by the event's trip).
 */
@Controller('api/v1/evaluation/thresholds')
export class ThresholdsController {
  constructor(private readonly thresholds: ThresholdsRepository) {}

  /** Reference data of the whole platform (keyed by province and county), not tenant records. */
  @Get()
  @Roles(...RulesPermissions.readRules)
  async list() {
    const items = await this.thresholds.all();
    return { items: [...items].sort((a, b) => a.year - b.year || a.scope.localeCompare(b.scope)) };
  }
}
