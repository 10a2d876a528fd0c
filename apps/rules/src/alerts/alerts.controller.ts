import { ConflictException, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { z } from 'zod';
import { Caller, CallerScope, notFound, Permissions, Principal, Roles, Scope } from '@lib/auth';
import { TownCode } from '@lib/contracts';
import { ZodValidationPipe } from '@lib/service-kit';
import { Alert } from './alert.schema';
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

const AlertId = z.string().regex(/^[0-9a-f]{32}$/, 'must be an alert id');

const present = ({ _id, openKey: _k, ...rest }: Alert) => ({ id: _id, ...rest });

@Controller('api/v1/alerts')
export class AlertsController {
  constructor(private readonly alerts: AlertsRepository) {}

  @Get()
  @Roles(...Permissions.readAlerts)
  async list(
    @CallerScope() scope: Scope,
    @Query(new ZodValidationPipe(ListAlertsQuery)) q: z.infer<typeof ListAlertsQuery>,
  ) {
    const { page, pageSize, ...filter } = q;
    const result = await this.alerts.list(scope, filter, page, pageSize);
    return { ...result, items: result.items.map(present) };
  }

  @Get(':id')
  @Roles(...Permissions.readAlerts)
  async get(@CallerScope() scope: Scope, @Param('id', new ZodValidationPipe(AlertId)) id: string) {
    const doc = await this.alerts.findById(scope, id);
    if (!doc) throw notFound(`未找到该预警 (no alert ${id})`);
    return present(doc);
  }

  /** 确认预警: the alert is being handled (a later survey above the line still resolves it). */
  @Post(':id/acknowledge')
  @HttpCode(200)
  @Roles(...Permissions.writeAlerts)
  async acknowledge(
    @CallerScope() scope: Scope,
    @Caller() caller: Principal,
    @Param('id', new ZodValidationPipe(AlertId)) id: string,
  ) {
    const result = await this.alerts.acknowledge(scope, id, caller.sub);
    if (result === 'missing') throw notFound(`未找到该预警 (no alert ${id})`);
    if (result === 'not-open')
      throw new ConflictException({
        statusCode: 409,
        error: 'Conflict',
        message: `该预警已确认或已解除 (alert ${id} is not open)`,
      });
    return present(result);
  }
}
