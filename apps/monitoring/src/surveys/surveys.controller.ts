import { Body, Controller, Get, HttpCode, NotFoundException, Param, Post, Query } from '@nestjs/common';
import { z } from 'zod';
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
  create(@Body(new ZodValidationPipe(RecordSurveyBody)) body: RecordSurveyBody) {
    return this.record.execute(body);
  }

  @Get(':id')
  async get(@Param('id', new ZodValidationPipe(z.string().uuid('must be a survey id (UUID)'))) id: string) {
    const doc = await this.surveys.findById(id);
    if (!doc)
      throw new NotFoundException({
        statusCode: 404,
        error: 'Not Found',
        message: `未找到该走访记录 (no survey ${id})`,
      });
    return present(doc);
  }

  @Get()
  async list(@Query(new ZodValidationPipe(ListSurveysQuery)) q: z.infer<typeof ListSurveysQuery>) {
    const { page, pageSize, ...filter } = q;
    const result = await this.surveys.list(filter, page, pageSize);
    return { ...result, items: result.items.map(present) };
  }
}
