import { Controller, Get, Query } from '@nestjs/common';
import { z } from 'zod';
import { LocalDay } from '../local-day';
import { CallerScope, Roles, Scope } from '@lib/auth';
import { ZodValidationPipe } from '@lib/service-kit';
import { SupervisionRoles } from '../supervision-roles';
import { CheckInsStore } from './checkins.store';

const Page = {
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
};
const ListCheckInsQuery = z
  .object({
    memberId: z.string().uuid('须为队员编号（UUID）').optional(),
    day: LocalDay.optional(),
    ...Page,
  })
  .strict();
const ListUnmatchedQuery = z
  .object({
    userId: z.string().min(1).max(64).optional(),
    source: z.string().min(1).max(32).optional(),
    ...Page,
  })
  .strict();

function present<T extends { _id: string }>(doc: T) {
  const { _id, ...rest } = doc;
  return { id: _id, ...rest };
}

/** Stored and unmatched check-ins, within the caller's org-unit scope. */
@Roles(...SupervisionRoles.read)
@Controller('api/v1/checkins')
export class CheckInsController {
  constructor(private readonly repo: CheckInsStore) {}

  @Get()
  async list(
    @CallerScope() scope: Scope,
    @Query(new ZodValidationPipe(ListCheckInsQuery)) q: z.infer<typeof ListCheckInsQuery>,
  ) {
    const { page, pageSize, ...filter } = q;
    const result = await this.repo.list(scope, filter, page, pageSize);
    return { ...result, items: result.items.map(present) };
  }

  /** 未匹配打卡: check-ins of users no member is mapped to. */
  @Get('unmatched')
  async unmatched(
    @CallerScope() scope: Scope,
    @Query(new ZodValidationPipe(ListUnmatchedQuery)) q: z.infer<typeof ListUnmatchedQuery>,
  ) {
    const { page, pageSize, ...filter } = q;
    const result = await this.repo.listUnmatched(scope, filter, page, pageSize);
    return { ...result, items: result.items.map(present) };
  }
}
