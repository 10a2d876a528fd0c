import {
  Body,
  ConflictException,
  Controller,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  Post,
  Query,
} from '@nestjs/common';
import { InspectionFollowUpChangedV1, InspectionRecordedV1 } from '@lib/contracts';
import { orgOf, teamEvent } from '../member-event';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { CallerScope, Roles, Scope } from '@lib/auth';
import { ZodValidationPipe } from '@lib/service-kit';
import { SupervisionRoles } from '../supervision-roles';
import { TeamsStore } from '../teams/teams.store';
import { present } from '../present';
import { teamOf } from '../teams/team-lookups';
import { FollowUpBody, ListInspectionsQuery, RecordInspectionBody } from './inspections.dto';
import { Inspection } from './inspection.schema';
import { InspectionsStore } from './inspections.store';

/** 督查通报 and 整改跟踪, within the caller's org-unit scope. */
@Controller('api/v1/inspections')
export class InspectionsController {
  constructor(
    private readonly inspections: InspectionsStore,
    private readonly teams: TeamsStore,
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
    const event = teamEvent(InspectionRecordedV1.type, `inspection:${inspection._id}`, orgOf(team), {
      inspectionId: inspection._id,
      inspectedOn: inspection.inspectedOn,
      inspector: inspection.inspector,
      status: inspection.status,
      findings: inspection.findings,
    });
    await this.inspections.insert(inspection, [event]);
    return present(inspection);
  }

  @Post(':id/follow-ups')
  @HttpCode(200)
  @Roles(...SupervisionRoles.inspect)
  async followUp(
    @CallerScope() scope: Scope,
    @Param('id', new ZodValidationPipe(z.string().uuid('须为督查编号（UUID）'))) id: string,
    @Body(new ZodValidationPipe(FollowUpBody)) body: FollowUpBody,
  ) {
    const notFound = () =>
      new NotFoundException({
        statusCode: 404,
        error: 'Not Found',
        message: `未找到该督查记录 (no inspection ${id})`,
      });
    // read, then append only if no other follow-up came meanwhile (a few tries)
    for (let attempt = 0; attempt < 5; attempt++) {
      const before = await this.inspections.findById(scope, id);
      if (!before) throw notFound();
      const entry = { ...body, at: new Date() };
      const sequence = before.followUps.length + 1;
      const event = teamEvent(
        InspectionFollowUpChangedV1.type,
        `inspection-follow-up:${id}:${sequence}`,
        orgOf({ ...before, _id: before.teamId }),
        {
          inspectionId: id,
          previousStatus: before.status,
          status: entry.status,
          note: entry.note,
          by: entry.by,
          at: entry.at.toISOString(),
          sequence,
        },
      );
      const updated = await this.inspections.followUp(scope, id, before.followUps.length, entry, [event]);
      if (updated) return present(updated);
    }
    throw new ConflictException({
      statusCode: 409,
      error: 'Conflict',
      message: `督查记录正被同时修改，请重试 (inspection ${id} changed concurrently, try again)`,
    });
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
