import { Controller, Get, Query } from '@nestjs/common';
import { z } from 'zod';
import { TownCode } from '@lib/contracts';
import { ZodValidationPipe } from '@lib/service-kit';
import { AlertsRepository } from './alerts.repository';

const ListAlertsQuery = z
  .object({
    status: z.enum(['open', 'acknowledged', 'resolved']).optional(),
    subjectId: z.string().min(1).max(128).optional(),
    townCode: TownCode.optional(),
    ruleId: z.string().min(1).max(64).optional(),
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(500).default(50),
  })
  .strict();

@Controller('api/v1/alerts')
export class AlertsController {
  constructor(private readonly alerts: AlertsRepository) {}

  @Get()
  async list(@Query(new ZodValidationPipe(ListAlertsQuery)) q: z.infer<typeof ListAlertsQuery>) {
    const { page, pageSize, ...filter } = q;
    const result = await this.alerts.list(filter, page, pageSize);
    return { ...result, items: result.items.map(({ _id, openKey: _k, ...rest }) => ({ id: _id, ...rest })) };
  }
}
