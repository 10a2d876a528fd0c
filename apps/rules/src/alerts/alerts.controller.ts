import { Body, ConflictException, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { z } from 'zod';
import { Caller, CallerScope, notFound, Principal, Roles, Scope } from '@lib/auth';
import { Severity, TownCode, VillageCode, RulesPermissions, zhTypeError } from '@lib/contracts';
import { ZodValidationPipe } from '@lib/service-kit';
import { Alert } from './alert.schema';
import { AlertsRepository } from './alerts.repository';
import { AcknowledgeAlert } from './use-cases/acknowledge-alert.usecase';
import { ResolveAlert } from './use-cases/resolve-alert.usecase';

const Status = z.enum(['open', 'acknowledged', 'resolved']).describe('open / acknowledged / resolved');

const ListAlertsQuery = z
  .object({
    status: Status.optional(),
    severity: Severity.optional(),
    subjectId: z.string().min(1).max(128).optional(),
    townCode: TownCode.optional(),
    villageCode: VillageCode.optional(),
    ruleId: z.string().min(1).max(64).optional(),
    period: z.string().min(4).max(10).optional().describe('the alert period, e.g. 2026 or 2026-10'),
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(500).default(50),
  })
  .strict();

const CountsQuery = z
  .object({
    by: z.enum(['county', 'town', 'village']).default('town').describe('org unit level to count by'),
    status: Status.optional().describe('default: every alert not resolved'),
    ruleId: z.string().min(1).max(64).optional(),
  })
  .strict();

const AcknowledgeBody = z
  .object({ note: z.string().trim().min(1).max(500).optional().describe('处理说明') })
  .strict()
  .optional();

const ResolveBody = z
  .object({
    note: z
      .string(zhTypeError({ required: '必须填写解除说明 (a note is required)' }))
      .trim()
      .min(1, '必须填写解除说明 (a note is required)')
      .max(1000)
      .describe('解除说明: what was done / why the risk is gone'),
  })
  .strict();

const AlertId = z.string().regex(/^[0-9a-f]{32}$/, '须为预警编号');

const present = ({ _id, openKey: _k, ...rest }: Alert) => ({ id: _id, ...rest });

@Controller('api/v1/alerts')
export class AlertsController {
  constructor(
    private readonly alerts: AlertsRepository,
    private readonly acknowledgeAlert: AcknowledgeAlert,
    private readonly resolveAlert: ResolveAlert,
  ) {}

  @Get()
  @Roles(...RulesPermissions.readAlerts)
  async list(
    @CallerScope() scope: Scope,
    @Query(new ZodValidationPipe(ListAlertsQuery)) q: z.infer<typeof ListAlertsQuery>,
  ) {
    const { page, pageSize, ...filter } = q;
    const result = await this.alerts.list(scope, filter, page, pageSize);
    return { ...result, items: result.items.map(present) };
  }

  /** 预警统计: counts per org unit and severity, within the caller's scope (for dashboards). */
  @Get('counts')
  @Roles(...RulesPermissions.readAlerts)
  counts(
    @CallerScope() scope: Scope,
    @Query(new ZodValidationPipe(CountsQuery)) q: z.infer<typeof CountsQuery>,
  ) {
    return this.alerts.counts(scope, q.by, q);
  }

  @Get(':id')
  @Roles(...RulesPermissions.readAlerts)
  async get(@CallerScope() scope: Scope, @Param('id', new ZodValidationPipe(AlertId)) id: string) {
    const doc = await this.alerts.findById(scope, id);
    if (!doc) throw notFound(`未找到该预警 (no alert ${id})`);
    return present(doc);
  }

  /** 确认预警: the alert is being handled (stops escalation; the condition clearing still resolves it). */
  @Post(':id/acknowledge')
  @HttpCode(200)
  @Roles(...RulesPermissions.writeAlerts)
  async acknowledge(
    @CallerScope() scope: Scope,
    @Caller() caller: Principal,
    @Param('id', new ZodValidationPipe(AlertId)) id: string,
    @Body(new ZodValidationPipe(AcknowledgeBody)) body: z.infer<typeof AcknowledgeBody>,
  ) {
    const result = await this.acknowledgeAlert.execute(scope, id, caller.sub, body?.note);
    if (result === 'missing') throw notFound(`未找到该预警 (no alert ${id})`);
    if (result === 'not-open')
      throw new ConflictException({
        statusCode: 409,
        error: 'Conflict',
        message: `该预警已确认或已解除 (alert ${id} is not open)`,
      });
    return present(result);
  }

  /** 解除预警: a person closes the alert with a note (open or acknowledged → resolved). */
  @Post(':id/resolve')
  @HttpCode(200)
  @Roles(...RulesPermissions.writeAlerts)
  async resolve(
    @CallerScope() scope: Scope,
    @Caller() caller: Principal,
    @Param('id', new ZodValidationPipe(AlertId)) id: string,
    @Body(new ZodValidationPipe(ResolveBody)) body: z.infer<typeof ResolveBody>,
  ) {
    const result = await this.resolveAlert.execute(scope, id, caller.sub, body.note);
    if (result === 'missing') throw notFound(`未找到该预警 (no alert ${id})`);
    if (result === 'resolved')
      throw new ConflictException({
        statusCode: 409,
        error: 'Conflict',
        message: `该预警已解除 (alert ${id} is resolved already)`,
      });
    return present(result);
  }
}
