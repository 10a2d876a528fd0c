import { Controller, Get, Param, Query } from '@nestjs/common';
import { z } from 'zod';
import { CallerScope, notFound, Roles, Scope } from '@lib/auth';
import { TownCode, NotifierPermissions } from '@lib/contracts';
import { ZodValidationPipe } from '@lib/service-kit';
import { DeliveriesStore } from './deliveries.store';
import { Delivery } from './deliveries.schema';

const ListDeliveriesQuery = z
  .object({
    alertId: z.string().min(1).max(64).optional(),
    status: z.enum(['pending', 'delivered', 'failed']).optional(),
    channel: z
      .enum(['dingtalk-robot', 'wecom-robot', 'sms', 'email', 'webhook', 'none'])
      .optional()
      .describe('none: a person (帮扶责任人) who could not be reached, e.g. no contact registered'),
    recipient: z
      .string()
      .min(1)
      .max(100)
      .optional()
      .describe('e.g. paired-cadre:<userId> for the deliveries to one paired cadre'),
    townCode: TownCode.optional(),
    kind: z
      .enum(['alert', 'escalation'])
      .optional()
      .describe('alert: the alert as raised; escalation: sent again one org level up (升级提醒)'),
    level: z.coerce
      .number()
      .int()
      .min(0)
      .max(30)
      .optional()
      .describe('escalation level: 0 the alert itself, 1 the town, 2 the county, 3+ county repeats'),
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(500).default(50),
  })
  .strict();

const CountsQuery = z.object({ townCode: TownCode.optional() }).strict();

const DeliveryId = z.string().regex(/^[0-9a-f]{32}$/, '须为推送记录编号');

const present = ({ _id, ...rest }: Delivery) => ({ id: _id, ...rest });

/** The delivery log: every notification and each of its attempts. */
@Controller('api/v1/deliveries')
export class DeliveriesController {
  constructor(private readonly deliveries: DeliveriesStore) {}

  @Get()
  @Roles(...NotifierPermissions.readDeliveries)
  async list(
    @CallerScope() scope: Scope,
    @Query(new ZodValidationPipe(ListDeliveriesQuery)) q: z.infer<typeof ListDeliveriesQuery>,
  ) {
    const { page, pageSize, level, ...filter } = q;
    const result = await this.deliveries.list(scope, { ...filter, escalationLevel: level }, page, pageSize);
    return { ...result, items: result.items.map(present) };
  }

  /**
   * Counts per status and channel for dashboards (status "failed" lists are the dead letters), and
   * the escalations among them per level, org level and status.
   */
  @Get('counts')
  @Roles(...NotifierPermissions.readDeliveries)
  async counts(
    @CallerScope() scope: Scope,
    @Query(new ZodValidationPipe(CountsQuery)) q: z.infer<typeof CountsQuery>,
  ) {
    const [items, escalations] = await Promise.all([
      this.deliveries.counts(scope, q),
      this.deliveries.escalationCounts(scope, q),
    ]);
    return { items, escalations };
  }

  @Get(':id')
  @Roles(...NotifierPermissions.readDeliveries)
  async get(@CallerScope() scope: Scope, @Param('id', new ZodValidationPipe(DeliveryId)) id: string) {
    const doc = await this.deliveries.findById(scope, id);
    if (!doc) throw notFound(`未找到该推送记录 (no delivery ${id})`);
    return present(doc);
  }
}
