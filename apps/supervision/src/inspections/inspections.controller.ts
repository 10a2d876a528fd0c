import { Body, Controller, Get, HttpCode, NotFoundException, Param, Post, Query } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { Roles } from '@lib/auth';
import { fieldError, ZodValidationPipe } from '@lib/service-kit';
import { SupervisionRoles } from '../supervision-roles';
import { TeamsRepository } from '../teams/teams.repository';
import { present } from '../teams/teams.usecases';
import { FollowUpBody, ListInspectionsQuery, RecordInspectionBody } from './inspections.dto';
import { Inspection } from './inspection.schema';
import { InspectionsRepository } from './inspections.repository';

/** 督查通报 and 整改跟踪. Role-checked; org-unit scope filtering is still to come. */
@Controller('api/v1/inspections')
export class InspectionsController {
  constructor(
    private readonly inspections: InspectionsRepository,
    private readonly teams: TeamsRepository,
  ) {}

  @Post()
  @HttpCode(201)
  @Roles(...SupervisionRoles.inspect)
  async record(@Body(new ZodValidationPipe(RecordInspectionBody)) body: RecordInspectionBody) {
    const team = await this.teams.findTeam(body.teamId);
    if (!team) throw fieldError('teamId', '未知的工作队 (no such team)');
    const inspection: Inspection = {
      _id: randomUUID(),
      ...body,
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
    @Param('id', new ZodValidationPipe(z.string().uuid('must be an inspection id (UUID)'))) id: string,
    @Body(new ZodValidationPipe(FollowUpBody)) body: FollowUpBody,
  ) {
    const updated = await this.inspections.followUp(id, { ...body, at: new Date() });
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
  async list(@Query(new ZodValidationPipe(ListInspectionsQuery)) q: ListInspectionsQuery) {
    const { page, pageSize, ...filter } = q;
    const result = await this.inspections.list(filter, page, pageSize);
    return { ...result, items: result.items.map(present) };
  }
}
