import { Body, Controller, Get, HttpCode, NotFoundException, Param, Post, Query } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { CallerScope, Roles, Scope } from '@lib/auth';
import { ZodValidationPipe } from '@lib/service-kit';
import { SupervisionRoles } from '../supervision-roles';
import { TeamsRepository } from '../teams/teams.repository';
import { present, teamOf } from '../teams/teams.usecases';
import { FollowUpBody, ListInspectionsQuery, RecordInspectionBody } from './inspections.dto';
import { Inspection } from './inspection.schema';
import { InspectionsRepository } from './inspections.repository';

/** 督查通报 and 整改跟踪, within the caller's org-unit scope. */
@Controller('api/v1/inspections')
export class InspectionsController {
  constructor(
    private readonly inspections: InspectionsRepository,
    private readonly teams: TeamsRepository,
  ) {}

  @Post()
  @HttpCode(201)
  @Roles(...SupervisionRoles.inspect)
  async record(
    @CallerScope() scope: Scope,
    @Body(new ZodValidationPipe(RecordInspectionBody)) body: RecordInspectionBody,
  ) {
    const team = await teamOf(this.teams, scope, body.teamId);
    const inspection: Inspection = {
      _id: randomUUID(),
      ...body,
      countyCode: team.countyCode,
      townCode: team.townCode,
      villageCode: team.villageCode,
      status: body.findings.length > 0 ? 'open' : 'closed',
      followUps: [],
      createdAt: new Date(),
    };
    await this.inspections.insert(inspection);
    return present(inspection);
  }

  @Post(':id/follow-ups')
  @HttpCode(200)
  @Roles(...SupervisionRoles.inspect)
  async followUp(
    @CallerScope() scope: Scope,
    @Param('id', new ZodValidationPipe(z.string().uuid('must be an inspection id (UUID)'))) id: string,
    @Body(new ZodValidationPipe(FollowUpBody)) body: FollowUpBody,
  ) {
    const updated = await this.inspections.followUp(scope, id, { ...body, at: new Date() });
    if (!updated)
      throw new NotFoundException({
        statusCode: 404,
        error: 'Not Found',
        message: `未找到该督查记录 (no inspection ${id})`,
      });
    return present(updated);
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
