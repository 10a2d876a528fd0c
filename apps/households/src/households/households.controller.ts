import { Body, Controller, Get, HttpCode, NotFoundException, Param, Post, Query } from '@nestjs/common';
import { z } from 'zod';
import { ZodValidationPipe } from '@lib/service-kit';
import { HouseholdsRepository } from './households.repository';
import { ListHouseholdsQuery, RegisterHouseholdBody } from './register-household.dto';
import { RegisterHousehold } from './register-household.usecase';

const HouseholdId = z.string().uuid('must be a household id (UUID)');

function present<T extends { _id: string }>(doc: T) {
  const { _id, ...rest } = doc;
  return { id: _id, ...rest };
}

@Controller('api/v1/households')
export class HouseholdsController {
  constructor(
    private readonly register: RegisterHousehold,
    private readonly households: HouseholdsRepository,
  ) {}

  @Post()
  @HttpCode(201)
  create(@Body(new ZodValidationPipe(RegisterHouseholdBody)) body: RegisterHouseholdBody) {
    return this.register.execute(body);
  }

  @Get(':id')
  async get(@Param('id', new ZodValidationPipe(HouseholdId)) id: string) {
    const doc = await this.households.findById(id);
    if (!doc)
      throw new NotFoundException({
        statusCode: 404,
        error: 'Not Found',
        message: `未找到该户 (no household ${id})`,
      });
    return present(doc);
  }

  @Get()
  async list(@Query(new ZodValidationPipe(ListHouseholdsQuery)) q: z.infer<typeof ListHouseholdsQuery>) {
    const { page, pageSize, ...filter } = q;
    const result = await this.households.list(filter, page, pageSize);
    return { ...result, items: result.items.map(present) };
  }
}
