import { Controller, Get, Query } from '@nestjs/common';
import { z } from 'zod';
import { TownCode } from '@lib/contracts';
import { ZodValidationPipe } from '@lib/service-kit';
import { DeliveriesRepository } from './deliveries.repository';

const ListDeliveriesQuery = z
  .object({
    alertId: z.string().min(1).max(64).optional(),
    status: z.enum(['pending', 'delivered', 'failed']).optional(),
    townCode: TownCode.optional(),
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(500).default(50),
  })
  .strict();

/** The delivery log: every notification and each of its attempts. */
@Controller('api/v1/deliveries')
export class DeliveriesController {
  constructor(private readonly deliveries: DeliveriesRepository) {}

  @Get()
  async list(@Query(new ZodValidationPipe(ListDeliveriesQuery)) q: z.infer<typeof ListDeliveriesQuery>) {
    const { page, pageSize, ...filter } = q;
    const result = await this.deliveries.list(filter, page, pageSize);
    return { ...result, items: result.items.map(({ _id, ...rest }) => ({ id: _id, ...rest })) };
  }
}
