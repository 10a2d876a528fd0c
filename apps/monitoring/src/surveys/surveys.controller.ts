import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { z } from 'zod';
import { CallerScope, notFound, Permissions, Roles, Scope } from '@lib/auth';
import { ZodValidationPipe } from '@lib/service-kit';
import { ListSurveysQuery, RecordSurveyBody } from './record-survey.dto';
import { RecordSurvey } from './record-survey.usecase';
import { SurveysRepository } from './surveys.repository';

function present<T extends { _id: string }>(doc: T) {
  const { _id, ...rest } = doc;
  return { id: _id, ...rest };
}

@Controller('api/v1/surveys')
export class SurveysController {
  constructor(
    private readonly record: RecordSurvey,
    private readonly surveys: SurveysRepository,
  ) {}

  @Post()
  @HttpCode(201)
  @Roles(...Permissions.writeSurveys)
  create(@CallerScope() scope: Scope, @Body(new ZodValidationPipe(RecordSurveyBody)) body: RecordSurveyBody) {
    return this.record.execute(scope, body);
  }

  @Get(':id')
  @Roles(...Permissions.readSurveys)
  async get(
    @CallerScope() scope: Scope,
    @Param('id', new ZodValidationPipe(z.string().uuid('must be a survey id (UUID)'))) id: string,
  ) {
    const doc = await this.surveys.findById(scope, id);
    if (!doc) throw notFound(`未找到该走访记录 (no survey ${id})`);
    return present(doc);
  }

  @Get()
  @Roles(...Permissions.readSurveys)
  async list(
    @CallerScope() scope: Scope,
    @Query(new ZodValidationPipe(ListSurveysQuery)) q: z.infer<typeof ListSurveysQuery>,
  ) {
    const { page, pageSize, ...filter } = q;
    const result = await this.surveys.list(scope, filter, page, pageSize);
    return { ...result, items: result.items.map(present) };
  }
}
