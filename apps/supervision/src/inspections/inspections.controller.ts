import { Body, Controller, Get, HttpCode, NotFoundException, Param, Post, Query } from '@nestjs/common';
import { z } from 'zod';
import { CallerScope, Roles, Scope } from '@lib/auth';
import { ZodValidationPipe } from '@lib/service-kit';
import { SupervisionRoles } from '../supervision-roles';
import { present } from '../present';
import { FollowUpBody, ListInspectionsQuery, RecordInspectionBody } from './inspections.dto';
import { InspectionsStore } from './inspections.store';
import { RecordInspection } from './use-cases/record-inspection.usecase';
import { FollowUpInspection } from './use-cases/follow-up-inspection.usecase';

/** 督查通报 and 整改跟踪, within the caller's org-unit scope. */
@Controller('api/v1/inspections')
export class InspectionsController {
  constructor(
    private readonly inspections: InspectionsStore,
    private readonly recordInspection: RecordInspection,
    private readonly followUpInspection: FollowUpInspection,
  ) {}

  @Post()
  @HttpCode(201)
  @Roles(...SupervisionRoles.inspect)
  async record(
    @CallerScope() scope: Scope,
    @Body(new ZodValidationPipe(RecordInspectionBody)) body: RecordInspectionBody,
  ) {
    return present(await this.recordInspection.execute(scope, body));
  }

  @Post(':id/follow-ups')
  @HttpCode(200)
  @Roles(...SupervisionRoles.inspect)
  async followUp(
    @CallerScope() scope: Scope,
    @Param('id', new ZodValidationPipe(z.string().uuid('须为督查编号（UUID）'))) id: string,
    @Body(new ZodValidationPipe(FollowUpBody)) body: FollowUpBody,
  ) {
    return present(await this.followUpInspection.execute(scope, id, body));
  }

  /** One inspection with its follow-ups (整改记录); outside the caller's scope: 404. */
  @Get(':id')
  @Roles(...SupervisionRoles.read)
  async get(
    @CallerScope() scope: Scope,
    @Param('id', new ZodValidationPipe(z.string().uuid('须为督查编号（UUID）'))) id: string,
  ) {
    const inspection = await this.inspections.findById(scope, id);
    if (!inspection)
      throw new NotFoundException({
        statusCode: 404,
        error: 'Not Found',
        message: `未找到该督查记录 (no inspection ${id})`,
      });
    return present(inspection);
  }

  @Get()
  @Roles(...SupervisionRoles.read)
  async list(
    @CallerScope() scope: Scope,
    @Query(new ZodValidationPipe(ListInspectionsQuery)) q: ListInspectionsQuery,
  ) {
    const { page, pageSize, ...filter } = q;
    const result = await this.inspections.list(scope, filter, page, pageSize);
    return { ...result, items: result.items.map(present) };
  }
}
