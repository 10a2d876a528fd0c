import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { z } from 'zod';
import { CallerScope, notFound, Permissions, Roles, Scope } from '@lib/auth';
import { ZodValidationPipe } from '@lib/service-kit';
import { HouseholdsRepository } from './households.repository';
import { ListHouseholdsQuery, RegisterHouseholdBody } from './register-household.dto';
import { RegisterHousehold } from './register-household.usecase';
import { presentHousehold } from './present-household';

const HouseholdId = z.string().uuid('must be a household id (UUID)');

@Controller('api/v1/households')
export class HouseholdsController {
  constructor(
    private readonly register: RegisterHousehold,
    private readonly households: HouseholdsRepository,
  ) {}

  @Post()
  @HttpCode(201)
  @Roles(...Permissions.writeHouseholds)
  create(
    @CallerScope() scope: Scope,
    @Body(new ZodValidationPipe(RegisterHouseholdBody)) body: RegisterHouseholdBody,
  ) {
    return this.register.execute(scope, body);
  }

  @Get(':id')
  @Roles(...Permissions.readHouseholds)
  async get(@CallerScope() scope: Scope, @Param('id', new ZodValidationPipe(HouseholdId)) id: string) {
    const doc = await this.households.findById(scope, id);
    if (!doc) throw notFound(`未找到该户 (no household ${id})`);
    return presentHousehold(doc);
  }

  @Get()
  @Roles(...Permissions.readHouseholds)
  async list(
    @CallerScope() scope: Scope,
    @Query(new ZodValidationPipe(ListHouseholdsQuery)) q: z.infer<typeof ListHouseholdsQuery>,
  ) {
    const { page, pageSize, ...filter } = q;
    const result = await this.households.list(scope, filter, page, pageSize);
    return { ...result, items: result.items.map(presentHousehold) };
  }
}
